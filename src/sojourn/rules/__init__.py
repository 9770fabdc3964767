"""Rule packs: the schema, the loader and the shipped pack; ad-hoc ``--rule`` specs."""
