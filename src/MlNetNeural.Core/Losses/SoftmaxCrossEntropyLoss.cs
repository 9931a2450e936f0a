using MlNetNeural.Core.Training;

namespace MlNetNeural.Core.Losses;

/// <summary>
/// Multiclass cross-entropy on softmax probabilities, computed from logits with the log-sum-exp
/// shift so that no logit size produces an overflow or NaN. Targets are class indices 0..C−1. With label
/// smoothing ε (Szegedy et al. 2016) the target distribution is (1 − ε) on the class and ε/C spread over all
/// classes: ℓ = logsumexp(z) − Σ_c q_c z_c, gradient p − q.
/// </summary>
public sealed class SoftmaxCrossEntropyLoss : ILoss, IRowwiseLoss
{
    private readonly float[] _classWeights;

    /// <summary>Creates the loss for <paramref name="classCount"/> classes.</summary>
    /// <param name="classCount">Number of classes (network outputs), at least 2.</param>
    /// <param name="classWeights">Optional weight per class (multiplies the example weight); null for all 1.</param>
    /// <param name="labelSmoothing">ε in [0, 1): the share of the target probability spread evenly over all classes; 0 for none.</param>
    public SoftmaxCrossEntropyLoss(int classCount, IReadOnlyList<float>? classWeights = null, float labelSmoothing = 0f)
    {
        LabelSmoothing = LabelSmoothingCheck.Require(labelSmoothing);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (classWeights is not null && classWeights.Count != classCount)
            throw new ArgumentException($"{classWeights.Count} class weights were given for {classCount} classes; give one per class.", nameof(classWeights));
        _classWeights = classWeights?.ToArray() ?? Enumerable.Repeat(1f, classCount).ToArray();
        for (int c = 0; c < classCount; c++)
        {
            if (!(float.IsFinite(_classWeights[c]) && _classWeights[c] >= 0f))
                throw new ArgumentOutOfRangeException(nameof(classWeights), _classWeights[c], $"The weight of class {c} must be a finite, non-negative number.");
        }
        OutputSize = classCount;
    }

    /// <inheritdoc />
    public int OutputSize { get; }

    /// <summary>Label smoothing ε (0 for none).</summary>
    public float LabelSmoothing { get; }

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
        for (int row = 0; row < batch; row++) total += RowLoss(outputs, targets, weights, row, batch, gradient);
        return total / batch;
    }

    /// <inheritdoc />
    double IRowwiseLoss.RowLoss(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int row, int batch, Span<float> gradient) =>
        RowLoss(outputs, targets, weights, row, batch, gradient);

    private double RowLoss(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int row, int batch, Span<float> gradient)
    {
        int classes = OutputSize;
        var logits = outputs.Slice(row * classes, classes);
        int label = (int)targets[row];
        float weight = (weights.IsEmpty ? 1f : weights[row]) * _classWeights[label];
        float max = System.Numerics.Tensors.TensorPrimitives.Max(logits);
        double sumExp = 0;
        for (int c = 0; c < classes; c++) sumExp += Math.Exp(logits[c] - max);
        double logSumExp = max + Math.Log(sumExp);
        double spread = LabelSmoothing / classes, onLabel = 1.0 - LabelSmoothing + spread;
        double targetLogit = onLabel * logits[label];
        if (LabelSmoothing > 0f)
        {
            for (int c = 0; c < classes; c++) if (c != label) targetLogit += spread * logits[c];
        }
        double rowLoss = weight * (logSumExp - targetLogit);
        if (gradient.IsEmpty) return rowLoss;
        var rowGradient = gradient.Slice(row * classes, classes);
        float scale = weight / batch;
        for (int c = 0; c < classes; c++)
        {
            float probability = (float)Math.Exp(logits[c] - logSumExp);
            rowGradient[c] = scale * (probability - (float)(c == label ? onLabel : spread));
        }
        return rowLoss;
    }

    /// <inheritdoc />
    public double MetricSum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batch)
    {
        int correct = 0;
        for (int row = 0; row < batch; row++)
        {
            if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(outputs.Slice(row * OutputSize, OutputSize)) == (int)targets[row]) correct++;
        }
        return correct;
    }

    /// <inheritdoc />
    public double FinishMetric(double sum, long rows) => rows == 0 ? double.NaN : sum / rows;

    /// <inheritdoc />
    public void ValidateTargets(ReadOnlySpan<float> targets)
    {
        for (int row = 0; row < targets.Length; row++)
        {
            float t = targets[row];
            if (!(t >= 0 && t < OutputSize && t == MathF.Floor(t)))
                throw new InvalidTrainingDataException(TrainingDataPart.Target, row, 0, t, $"multiclass targets must be whole numbers from 0 to {OutputSize - 1}");
        }
    }
}
