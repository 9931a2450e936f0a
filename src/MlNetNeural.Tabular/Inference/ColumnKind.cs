namespace MlNetNeural.Tabular;

/// <summary>What a feature column becomes in the pipeline; the vocabulary of overrides (<c>NAME:numeric|categorical|text|date|ignore</c>).</summary>
public enum ColumnKind
{
    /// <summary>A number: missing values replaced by the training mean, plus a missing-value indicator when the training rows have missing values.</summary>
    Numeric,
    /// <summary>A category: one-hot encoded (or hashed when it has many levels); a missing value encodes as all zeros.</summary>
    Categorical,
    /// <summary>Free text: ML.NET's <c>FeaturizeText</c> (word and character n-grams).</summary>
    Text,
    /// <summary>Not used: identifiers, constant or empty columns, or columns the caller excludes.</summary>
    Ignore,
    /// <summary>
    /// A date or timestamp (<see cref="DateLayout"/>): read as days since 1970-01-01 00:00 UTC and used as a number
    /// (missing values as for <see cref="Numeric"/>), so that order and distance in time are kept.
    /// </summary>
    Date,
}
