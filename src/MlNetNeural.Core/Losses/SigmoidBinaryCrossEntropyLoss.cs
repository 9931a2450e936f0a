using MlNetNeural.Core.Training;

namespace MlNetNeural.Core.Losses;

/// <summary>
/// Binary cross-entropy on a single logit z with target y ∈ {0, 1}, computed as
/// max(z, 0) − z·y + log(1 + e^−|z|), which never overflows. With label smoothing ε the target is
/// y(1 − ε) + ε/2 (Szegedy et al. 2016, for two classes).
/// </summary>
public sealed class SigmoidBinaryCrossEntropyLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="positiveClassWeight">Weight of rows whose target is 1 (multiplies the example weight); use it for imbalanced classes.</param>
    /// <param name="labelSmoothing">ε in [0, 1): targets move ε/2 towards the other class; 0 for none.</param>
    public SigmoidBinaryCrossEntropyLoss(float positiveClassWeight = 1f, float labelSmoothing = 0f)
    {
        LabelSmoothing = LabelSmoothingCheck.Require(labelSmoothing);
        if (!(float.IsFinite(positiveClassWeight) && positiveClassWeight > 0f))
            throw new ArgumentOutOfRangeException(nameof(positiveClassWeight), positiveClassWeight, "The positive class weight must be a finite number above 0.");
        PositiveClassWeight = positiveClassWeight;
    }

    /// <summary>Weight of rows whose target is 1.</summary>
    public float PositiveClassWeight { get; }

    /// <summary>Label smoothing ε (0 for none).</summary>
    public float LabelSmoothing { get; }

    /// <inheritdoc />
    public int OutputSize => 1;

    /// <inheritdoc />
    public int TargetSize => 1;

    /// <inheritdoc />
    public bool IsClassification => true;

    /// <inheritdoc />
    public string MetricName => "accuracy";

    /// <inheritdoc />
    public bool HigherMetricIsBetter => true;

    /// <inheritdoc />
    public double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int batch, Span<float> gradient)
    {
        double total = 0;
        for (int row = 0; row < batch; row++)
        {
            float z = outputs[row], label = targets[row];
            float weight = (weights.IsEmpty ? 1f : weights[row]) * (label > 0.5f ? PositiveClassWeight : 1f);
            float y = label * (1f - LabelSmoothing) + 0.5f * LabelSmoothing;
            total += weight * (Math.Max(z, 0.0) - z * y + Math.Log(1.0 + Math.Exp(-Math.Abs(z))));
            if (!gradient.IsEmpty) gradient[row] = weight / batch * (Activations.Sigmoid.Of(z) - y);
        }
        return total / batch;
    }

    /// <inheritdoc />
    public double MetricSum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batch)
    {
        int correct = 0;
        for (int row = 0; row < batch; row++) if ((outputs[row] > 0f) == (targets[row] > 0.5f)) correct++;
        return correct;
    }

    /// <inheritdoc />
    public double FinishMetric(double sum, long rows) => rows == 0 ? double.NaN : sum / rows;

    /// <inheritdoc />
    public void ValidateTargets(ReadOnlySpan<float> targets)
    {
        for (int row = 0; row < targets.Length; row++)
        {
            if (targets[row] is not (0f or 1f))
                throw new InvalidTrainingDataException(TrainingDataPart.Target, row, 0, targets[row], "binary targets must be 0 or 1");
        }
    }
}
