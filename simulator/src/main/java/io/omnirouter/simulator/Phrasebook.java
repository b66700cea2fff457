package io.omnirouter.simulator;

/**
 * What customers and agents of one language write. {@code %s} placeholders take an order id, or for
 * {@link #acknowledgement()} the promised reply time. Complaint texts carry the words a classifier must
 * recognise in that language (README.md, "router-service", step 6: Classify).
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
        String returnReason) {
}
