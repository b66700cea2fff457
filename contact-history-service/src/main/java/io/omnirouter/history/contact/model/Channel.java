package io.omnirouter.history.contact.model;

/** The channel a contact came through. */
public enum Channel {
    PHONE, EMAIL, CHAT, WEBSHOP, OTHER
}
