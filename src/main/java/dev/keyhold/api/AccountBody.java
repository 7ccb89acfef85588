package dev.keyhold.api;

/** The body of a create or update account request. */
record AccountBody(String name, AccountView.EntitlementsView entitlements) {}
