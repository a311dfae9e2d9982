FROM centos:7
RUN yum -y update && yum -y install httpd-2.4.6 && yum clean all
RUN yum install -y epel-release
COPY index.html /var/www/html/
EXPOSE 80
CMD ["/usr/sbin/httpd", "-D", "FOREGROUND"]
