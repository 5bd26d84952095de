/* pick-comments: tick every comment of the thread that is a red flag; graded as the exact set. */
defineKind("pick-comments", {});
