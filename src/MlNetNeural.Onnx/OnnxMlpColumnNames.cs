namespace MlNetNeural.Onnx;

/// <summary>
/// Names of the exported graph's outputs. They are the column names ML.NET's trainers produce, so
/// <c>ApplyOnnxModel</c> yields columns with the usual names.
/// </summary>
public static class OnnxMlpColumnNames
{
    /// <summary>The default name of the graph input: the feature vector, float [N, F].</summary>
    public const string Features = "Features";

    /// <summary>Binary: the logit. Multiclass: the softmax probabilities. Regression: the predicted value.</summary>
    public const string Score = "Score";

    /// <summary>Binary only: sigmoid of <see cref="Score"/>.</summary>
    public const string Probability = "Probability";

    /// <summary>Binary: <c>Score &gt; 0</c> as bool. Multiclass: the 0-based class index as int64.</summary>
    public const string PredictedLabel = "PredictedLabel";
}
