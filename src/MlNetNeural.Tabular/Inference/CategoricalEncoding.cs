namespace MlNetNeural.Tabular;

/// <summary>How a <see cref="ColumnKind.Categorical"/> column is encoded.</summary>
public enum CategoricalEncoding
{
    /// <summary>One indicator per level seen in training (<c>OneHotEncoding</c>); unseen levels encode as all zeros.</summary>
    OneHot,
    /// <summary>Levels hashed into 2^<see cref="InferenceOptions.HashingBits"/> indicators (<c>OneHotHashEncoding</c>): used above <see cref="InferenceOptions.OneHotMaxLevels"/> levels.</summary>
    Hashing,
}
