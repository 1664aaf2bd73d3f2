"""The schemas of schema.data.gouv.fr: the catalogue, read through the network layer, with an offline snapshot."""
