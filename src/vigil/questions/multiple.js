/* multiple: every right choice and no other (checkboxes); the defaults grade the exact set. */
defineKind("multiple", {});
