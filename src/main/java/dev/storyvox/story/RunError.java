package dev.storyvox.story;

/** Why a run failed: the stage it was in, an error code and a message the user can act on. */
public record RunError(Stage stage, String code, String message) {
}
