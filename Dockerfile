# syntax=docker/dockerfile:1
# One image, two entry points: `gateway serve ...` and `index-builder rebuild --config ...`
# (docker/entrypoint.sh). Build: docker build -t recgate:0.1.0 .
# Not built in CI (no container engine there); .ci/run builds the same jlink runtime with
# scripts/jlink-runtime.sh and starts the gateway from it through docker/entrypoint.sh.

# --- build: the jars and their lib/ directories ---
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
COPY vector-kernels/pom.xml vector-kernels/
COPY core/pom.xml core/
COPY index-builder/pom.xml index-builder/
COPY gateway/pom.xml gateway/
COPY loadtest/pom.xml loadtest/
COPY benchmarks/pom.xml benchmarks/
COPY deploy-tests/pom.xml deploy-tests/
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl gateway,index-builder -am dependency:go-offline || true
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl gateway,index-builder -am package -Dmaven.test.skip=true

# --- jlink: a runtime with only the modules the jars use (+ jdk.incubator.vector) ---
FROM eclipse-temurin:25-jdk AS jlink
WORKDIR /src
COPY --from=build /src/scripts scripts
COPY --from=build /src/gateway/target/gateway-0.1.0-SNAPSHOT.jar gateway/target/
COPY --from=build /src/gateway/target/lib gateway/target/lib
COPY --from=build /src/index-builder/target/index-builder-0.1.0-SNAPSHOT.jar index-builder/target/
COPY --from=build /src/index-builder/target/lib index-builder/target/lib
RUN bash scripts/jlink-runtime.sh /opt/recgate/runtime

# --- runtime: small base, non-root, read-only friendly ---
FROM debian:bookworm-slim
RUN groupadd --system --gid 10001 recgate \
 && useradd --system --uid 10001 --gid recgate --home-dir /nonexistent --shell /usr/sbin/nologin recgate
COPY --from=jlink /opt/recgate/runtime /opt/recgate/runtime
COPY --from=build /src/gateway/target/gateway-0.1.0-SNAPSHOT.jar /opt/recgate/gateway/app.jar
COPY --from=build /src/gateway/target/lib /opt/recgate/gateway/lib
COPY --from=build /src/index-builder/target/index-builder-0.1.0-SNAPSHOT.jar /opt/recgate/index-builder/app.jar
COPY --from=build /src/index-builder/target/lib /opt/recgate/index-builder/lib
COPY docker/entrypoint.sh /opt/recgate/bin/entrypoint.sh
ENV RECGATE_HOME=/opt/recgate TMPDIR=/tmp
USER 10001:10001
WORKDIR /tmp
EXPOSE 8080
ENTRYPOINT ["/opt/recgate/bin/entrypoint.sh"]
CMD ["gateway", "serve"]
