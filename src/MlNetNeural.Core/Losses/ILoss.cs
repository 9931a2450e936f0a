namespace MlNetNeural.Core.Losses;

/// <summary>
/// A training objective over a batch of network outputs. Every loss takes per-example weights
/// (empty span = all 1); class weights, where a loss has them, multiply the example weight.
/// The reported loss is Σ wᵢ·ℓᵢ / batch, and the gradient is its exact derivative.
/// </summary>
public interface ILoss
{
    /// <summary>Network outputs per row that this loss expects.</summary>
    int OutputSize { get; }

    /// <summary>Target values per row (1 for a class index or a binary label; the output count for regression).</summary>
    int TargetSize { get; }

    /// <summary>True for classification losses: validation splits are then stratified by class.</summary>
    bool IsClassification { get; }

    /// <summary>Name of the metric reported for validation data, e.g. "accuracy" or "rmse".</summary>
    string MetricName { get; }

    /// <summary>True when a larger metric is better (accuracy), false when smaller is (RMSE).</summary>
    bool HigherMetricIsBetter { get; }

    /// <summary>
    /// Computes the weighted mean loss of <paramref name="batch"/> rows and, when <paramref name="gradient"/>
    /// is not empty, writes dLoss/dOutputs into it.
    /// </summary>
    /// <param name="outputs">batch × <see cref="OutputSize"/> raw network outputs.</param>
    /// <param name="targets">batch × <see cref="TargetSize"/> targets.</param>
    /// <param name="weights">batch example weights, or empty for all 1.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="gradient">Destination for the gradient, or empty to skip it.</param>
    /// <returns>Σ wᵢ·ℓᵢ / batch.</returns>
    double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int batch, Span<float> gradient);

    /// <summary>The sum over rows of this loss's per-row metric contribution (1 per correct row; squared error for regression).</summary>
    /// <param name="outputs">batch × <see cref="OutputSize"/> raw network outputs.</param>
    /// <param name="targets">batch × <see cref="TargetSize"/> targets.</param>
    /// <param name="batch">Rows.</param>
    double MetricSum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batch);

    /// <summary>Turns a <see cref="MetricSum"/> total over <paramref name="rows"/> rows into the metric.</summary>
    /// <param name="sum">Total of <see cref="MetricSum"/> over all batches.</param>
    /// <param name="rows">Rows evaluated.</param>
    double FinishMetric(double sum, long rows);

    /// <summary>Throws <see cref="Training.InvalidTrainingDataException"/> when a target value cannot be used by this loss (e.g. a class index out of range).</summary>
    /// <param name="targets">All targets, <see cref="TargetSize"/> per row.</param>
    void ValidateTargets(ReadOnlySpan<float> targets);
}
