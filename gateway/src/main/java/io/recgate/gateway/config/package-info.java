/** Configuration: one immutable record per component, loaded from defaults, file, environment and flags ({@link io.recgate.gateway.config.ConfigLoader}). The only package that reads the environment. */
package io.recgate.gateway.config;
