package io.omnirouter.simulator;

/**
 * What customers and agents of one language write. {@code %s} placeholders take an order id, or for
 * {@link #acknowledgement()} the promised reply time. Complaint texts ({@link #socialComplaint()} too) carry
 * the words a classifier must recognise in that language (README.md, "router-service", step 6: Classify).
 * The social texts: a private message about an order and the agent's answer to it, a public complaint or
 * praise under a post and the agent's public answer to each.
 */
record Phrasebook(
        String complaintSubject,
        String complaintBody,
        String complaintForm,
        String questionSubject,
        String questionBody,
        String formQuestion,
        String chase,
        String chatGreeting,
        String chatQuestion,
        String chatThanks,
        String agentChatAnswer,
        String botGreeting,
        String acknowledgement,
        String answer,
        String callSummarySubject,
        String callSummary,
        String reviewGood,
        String reviewAverage,
        String reviewBad,
        String returnReason,
        String socialQuestion,
        String socialComplaint,
        String socialPraise,
        String agentPublicReply,
        String agentPublicThanks,
        String agentSocialAnswer) {
}
