namespace MlNetNeural.Onnx;

/// <summary>
/// What the network predicts; decides the graph's output columns (see <see cref="OnnxMlpColumnNames"/>).
/// </summary>
public enum OnnxMlpHead
{
    /// <summary>
    /// Binary classification. The last layer has one output, the logit. Outputs: <c>Score</c> (the logit, float
    /// [N, 1]), <c>Probability</c> (sigmoid of the score, float [N, 1]) and <c>PredictedLabel</c>
    /// (<c>Score &gt; 0</c>, bool [N, 1]).
    /// </summary>
    Binary,

    /// <summary>
    /// Multiclass classification. The last layer has one output per class (at least two), the logits. Outputs:
    /// <c>Score</c> (softmax probabilities, float [N, C]) and <c>PredictedLabel</c> (0-based index of the
    /// largest score, int64 [N]).
    /// </summary>
    Multiclass,

    /// <summary>Regression. The last layer has one output. Output: <c>Score</c> (float [N, 1]).</summary>
    Regression,
}
