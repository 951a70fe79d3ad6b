# The `prometheus` service of the metrics profile: Debian's Prometheus on the same Debian base as the
# app image (official images cannot be pulled everywhere this is built). Build from the repository root;
# compose mounts the scrape config, docker/prometheus.yml, over the package's own.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends prometheus \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /prometheus \
 && chown prometheus:prometheus /prometheus
USER prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
