FROM opensuse/leap:15.5
RUN zypper refresh && zypper install -y --no-recommends curl=8.0.1 && zypper clean
RUN zypper install nginx
CMD ["nginx", "-g", "daemon off;"]
