namespace MlNetNeural.Tabular;

/// <summary>What a feature column becomes in the pipeline; the vocabulary of overrides (<c>NAME:numeric|categorical|text|ignore</c>).</summary>
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
}
