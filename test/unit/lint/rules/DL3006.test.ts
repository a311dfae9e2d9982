import { rule } from '../../../../src/lint/rules/DL3006';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\n',
    'FROM scratch\n',
    'FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    'FROM golang:1.22 AS build\nFROM build\n',
    'ARG BASE=debian:12\nFROM ${BASE}\n',
    'FROM registry.example:5000/team/app:1.2\n',
    'ARG TAG=12\nFROM debian:${TAG}\n',
  ],
  invalid: [
    // Build arguments are not expanded: only an image starting with `$` is exempt.
    { code: 'ARG IMG=app:1\nFROM team/$IMG\n', errors: [{ line: 2, column: 6 }] },
    // Stage names match in their exact case (hadolint).
    { code: 'FROM golang:1.22 AS Build\nFROM build\n', errors: [{ line: 2, column: 6 }] },
    { code: 'FROM debian\n', errors: [{ line: 1, column: 6, endLine: 1, endColumn: 12 }] },
    { code: 'FROM node:20 AS build\nFROM nginx\n', errors: [{ line: 2, column: 6, endColumn: 11 }] },
    { code: 'FROM --platform=linux/amd64 ubuntu AS base\n', errors: [{ line: 1, column: 29 }] },
    { code: 'FROM registry.example:5000/team/app\n', errors: [{ line: 1, column: 6 }] },
    { code: 'FROM build\nFROM alpine:3 AS build\n', errors: [{ line: 1, column: 6 }] },
  ],
});
