FROM node:20 as Build
RUNN npm install
COPY --own=node . /app
ENV NODE_ENV
EXPOSE http
HEALTHCHECK curl localhost
FROM build AS Build
