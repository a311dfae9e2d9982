FROM busybox:1.36
LABEL org.opencontainers.image.title="tiny" \
      org.opencontainers.image.version="1.2.3" \
      org.opencontainers.image.created="2024-03-01T10:00:00Z" \
      org.opencontainers.image.source="https://example.invalid/tiny" \
      org.opencontainers.image.licenses="MIT"
LABEL maintainer="ops@example.invalid"
COPY tiny /bin/tiny
CMD ["/bin/tiny"]
