import { rule } from '../../../../src/lint/rules/DL3007';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\n',
    'FROM debian\n',
    'FROM debian:latest-slim\n',
    'FROM debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    'FROM registry.example:5000/latest:1.0\n',
    'FROM debian:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    'ARG TAG=latest\nFROM debian:${TAG}\n',
  ],
  invalid: [
    { code: 'FROM debian:latest\n', errors: [{ line: 1, column: 13, endLine: 1, endColumn: 19 }] },
    { code: 'FROM node:20 AS build\nFROM nginx:latest\n', errors: [{ line: 2, column: 12, endColumn: 18 }] },
    { code: 'FROM --platform=linux/amd64 ubuntu:latest AS base\n', errors: [{ line: 1, column: 36, endColumn: 42 }] },
    { code: 'FROM registry.example:5000/team/app:latest\n', errors: [{ line: 1, column: 37, endColumn: 43 }] },
    { code: 'FROM alpine:latest\nFROM busybox:latest\n', errors: [{ line: 1, column: 13 }, { line: 2, column: 14, endColumn: 20 }] },
  ],
});
