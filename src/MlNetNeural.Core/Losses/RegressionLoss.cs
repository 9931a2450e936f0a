using MlNetNeural.Core.Training;

namespace MlNetNeural.Core.Losses;

/// <summary>
/// Base of the element-wise regression losses: each of the <see cref="OutputSize"/> outputs is
/// compared with its target, the per-row loss is the mean over outputs, and the metric is RMSE.
/// </summary>
public abstract class RegressionLoss : ILoss
{
    /// <summary>Creates a loss over <paramref name="outputSize"/> targets per row.</summary>
    /// <param name="outputSize">Targets (and network outputs) per row.</param>
    protected RegressionLoss(int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        OutputSize = outputSize;
    }

    /// <inheritdoc />
    public int OutputSize { get; }

    /// <inheritdoc />
    public int TargetSize => OutputSize;

    /// <inheritdoc />
    public bool IsClassification => false;

    /// <inheritdoc />
    public string MetricName => "rmse";

    /// <inheritdoc />
    public bool HigherMetricIsBetter => false;

    /// <summary>Loss of one residual r = output − target.</summary>
    /// <param name="residual">output − target.</param>
    protected abstract double ElementLoss(double residual);

    /// <summary>Derivative of <see cref="ElementLoss"/> with respect to the output.</summary>
    /// <param name="residual">output − target.</param>
    protected abstract double ElementDerivative(double residual);

    /// <inheritdoc />
    public double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int batch, Span<float> gradient)
    {
        int width = OutputSize;
        double total = 0;
        for (int row = 0; row < batch; row++)
        {
            float weight = weights.IsEmpty ? 1f : weights[row];
            double rowLoss = 0;
            for (int j = 0; j < width; j++)
            {
                int index = row * width + j;
                double residual = (double)outputs[index] - targets[index];
                rowLoss += ElementLoss(residual);
                if (!gradient.IsEmpty) gradient[index] = (float)(weight * ElementDerivative(residual) / ((double)width * batch));
            }
            total += weight * rowLoss / width;
        }
        return total / batch;
    }

    /// <inheritdoc />
    public double MetricSum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batch)
    {
        double sum = 0;
        for (int i = 0; i < batch * OutputSize; i++)
        {
            double residual = (double)outputs[i] - targets[i];
            sum += residual * residual / OutputSize;
        }
        return sum;
    }

    /// <inheritdoc />
    public double FinishMetric(double sum, long rows) => rows == 0 ? double.NaN : Math.Sqrt(sum / rows);

    /// <inheritdoc />
    public void ValidateTargets(ReadOnlySpan<float> targets)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if (!float.IsFinite(targets[i]))
                throw new InvalidTrainingDataException(TrainingDataPart.Target, i / OutputSize, i % OutputSize, targets[i], "regression targets must be finite numbers");
        }
    }
}
