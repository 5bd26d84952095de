/* single: one right choice (radio buttons); the defaults read, show and grade it. */
defineKind("single", {});
