#!/bin/sh
# Stands in for Prisma's schema-engine binary, which cannot be downloaded on machines without internet.
# `prisma generate` only needs a path that exists; migrations are applied by packages/database's runner.
echo "prisma schema engine stub: migrations are applied by the project's own runner (see README)" >&2
exit 1
