-- Dashboard sign-in: an Argon2id hash (PHC string) of the user's password; null until a password is set.
alter table users add column password_hash varchar(255);
