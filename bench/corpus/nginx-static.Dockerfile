FROM node:20-alpine AS site
WORKDIR /site
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginx:1.25-alpine
COPY nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=site /site/public /usr/share/nginx/html
EXPOSE 80/tcp
HEALTHCHECK CMD wget -q -O /dev/null http://localhost/ || exit 1
