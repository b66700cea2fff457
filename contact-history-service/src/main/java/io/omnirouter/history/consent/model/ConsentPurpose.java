package io.omnirouter.history.consent.model;

/** What a customer consents to being contacted for, or on which channel (the contract's ConsentPurpose). */
public enum ConsentPurpose {
    /** Satisfaction surveys after an order (the follow-up SURVEY). */
    MARKETING_SURVEYS,
    /** Thanks for a review (the follow-up THANK_YOU). */
    THANK_YOU_MESSAGES,
    CONTACT_BY_EMAIL,
    CONTACT_BY_PHONE,
    CONTACT_BY_CHAT
}
