/**
 * Korean text handling shared by every feature that reads Korean: Hangul syllable facts, the particles
 * (조사) and endings (어미) that close a word and how to strip them without cutting nouns that merely end
 * like one, phrase framings spaced either way, and normalising and splitting text into words. The word
 * tables of a feature (a storybook field's fillers, a model answer's stopwords) stay in that feature.
 */
package dev.storyvox.korean;
