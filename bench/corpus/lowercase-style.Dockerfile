from alpine:3.19 as builder
run apk add --no-cache build-base=0.5-r3
workdir /src
copy . .
run make

from alpine:3.19
copy --from=builder /src/bin/app /usr/bin/app
cmd ["app"]
