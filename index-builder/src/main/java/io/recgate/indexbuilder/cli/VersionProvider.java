package io.recgate.indexbuilder.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (the Maven project version), or "dev" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RecgateCommand.class.getPackage().getImplementationVersion();
        return new String[] {"recgate " + (version == null ? "dev" : version),
                "JVM " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
