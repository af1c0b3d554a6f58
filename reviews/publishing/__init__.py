"""Publishing verdicts: the verdicts API, the public verdict page, schema.org ClaimReview and
the webhooks that tell clients of a publication (with their task). Built on the workflow."""
