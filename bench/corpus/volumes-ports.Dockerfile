FROM postgres:16.2
ENV POSTGRES_DB=app
COPY init.sql /docker-entrypoint-initdb.d/
VOLUME /var/lib/postgresql/data /backups
EXPOSE 5432/tcp 5432/udp 9187
EXPOSE 8000-8010
