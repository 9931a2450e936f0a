using MlNetNeural.Core.Training;

namespace MlNetNeural.Core.Losses;

/// <summary>
/// Binary cross-entropy on a single logit z with target y ∈ {0, 1}, computed as
/// max(z, 0) − z·y + log(1 + e^−|z|), which never overflows.
/// </summary>
public sealed class SigmoidBinaryCrossEntropyLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="positiveClassWeight">Weight of rows whose target is 1 (multiplies the example weight); use it for imbalanced classes.</param>
    public SigmoidBinaryCrossEntropyLoss(float positiveClassWeight = 1f)
    {
        if (!(float.IsFinite(positiveClassWeight) && positiveClassWeight > 0f))
            throw new ArgumentOutOfRangeException(nameof(positiveClassWeight), positiveClassWeight, "The positive class weight must be a finite number above 0.");
        PositiveClassWeight = positiveClassWeight;
    }

    /// <summary>Weight of rows whose target is 1.</summary>
    public float PositiveClassWeight { get; }

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
            float z = outputs[row], y = targets[row];
            float weight = (weights.IsEmpty ? 1f : weights[row]) * (y > 0.5f ? PositiveClassWeight : 1f);
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
