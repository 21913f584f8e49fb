#!/usr/bin/env bash
# Renders the kustomize overlays into k8s/rendered/OVERLAY.yaml (checked by deploy-tests, which
# fail when these copies differ from a fresh render). Needs kubectl (kustomize built in).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for overlay in dev prod; do
  kubectl kustomize "$root/k8s/overlays/$overlay" >"$root/k8s/rendered/$overlay.yaml"
  echo "k8s/rendered/$overlay.yaml: $(grep -c '^kind:' "$root/k8s/rendered/$overlay.yaml") objects"
done
