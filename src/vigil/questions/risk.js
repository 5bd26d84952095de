/* risk: rate low, medium or high (radio buttons); the defaults read, show and grade it. */
defineKind("risk", {});
