namespace MlNetNeural.Onnx.Tests.TestSupport;

/// <summary>What the exported graph should output for one row, computed by <see cref="ReferenceMlp"/>.</summary>
/// <param name="Score">Binary: the logit; multiclass: softmax probabilities; regression: the value.</param>
/// <param name="Probability">Binary only: sigmoid of the logit.</param>
/// <param name="BinaryLabel">Binary only: logit &gt; 0.</param>
/// <param name="ClassIndex">Multiclass only: index of the largest probability.</param>
/// <param name="LabelIsAmbiguous">True when float rounding could flip the label (a near tie), so it is not compared.</param>
internal sealed record ExpectedRow(double[] Score, double? Probability, bool? BinaryLabel, long? ClassIndex, bool LabelIsAmbiguous);

internal static class ExpectedOutputs
{
    /// <summary>The largest absolute difference tolerated between OnnxRuntime's float results and the reference.</summary>
    public const double Tolerance = 1e-5;

    public static ExpectedRow[] For(OnnxMlpDescription description, float[] rows)
    {
        int featureCount = description.FeatureCount;
        return Enumerable.Range(0, rows.Length / featureCount)
            .Select(r => ForRow(description, rows.AsSpan(r * featureCount, featureCount).ToArray()))
            .ToArray();
    }

    private static ExpectedRow ForRow(OnnxMlpDescription description, float[] features)
    {
        double[] last = ReferenceMlp.Forward(description, features);
        switch (description.Head)
        {
            case OnnxMlpHead.Binary:
                double logit = last[0];
                return new ExpectedRow([logit], ReferenceMlp.Sigmoid(logit), logit > 0, null, Math.Abs(logit) < Tolerance);
            case OnnxMlpHead.Multiclass:
                double[] probabilities = ReferenceMlp.Softmax(last);
                var ranked = probabilities.Select((p, i) => (p, i)).OrderByDescending(x => x.p).ToArray();
                bool nearTie = ranked[0].p - ranked[1].p < Tolerance;
                return new ExpectedRow(probabilities, null, null, ranked[0].i, nearTie);
            default:
                return new ExpectedRow(last, null, null, null, false);
        }
    }
}
