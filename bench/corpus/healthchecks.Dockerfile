FROM redis:7.2-alpine
HEALTHCHECK --interval=10s --timeout=2s --start-period=5s --retries=5 \
  CMD redis-cli ping | grep -q PONG
COPY redis.conf /usr/local/etc/redis/redis.conf
VOLUME ["/data"]
STOPSIGNAL SIGTERM
CMD ["redis-server", "/usr/local/etc/redis/redis.conf"]
