"""Use-cases over the local store. Each function takes a Session first, keyword-only arguments after,
and returns plain frozen data; no Qt."""
