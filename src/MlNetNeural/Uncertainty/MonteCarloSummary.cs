using MlNetNeural.Core.Activations;

namespace MlNetNeural.Uncertainty;

/// <summary>
/// Turns the logits of N stochastic passes over one row into the mean and standard deviation of the
/// class probabilities and the entropy of the mean distribution. Binary models have one logit (the
/// positive class's probability is summarised); multiclass models have one logit per class.
/// Accumulates in double so that N equal passes give a standard deviation of exactly 0.
/// </summary>
internal sealed class MonteCarloSummary
{
    private readonly int _outputs;
    private readonly bool _binary;
    private readonly float[] _probabilities;
    private readonly double[] _sum;
    private readonly double[] _sumOfSquaredDeviations;

    public MonteCarloSummary(int outputs, bool binary)
    {
        _outputs = outputs;
        _binary = binary;
        _probabilities = new float[outputs];
        _sum = new double[outputs];
        _sumOfSquaredDeviations = new double[outputs];
        Mean = new float[outputs];
        StdDev = new float[outputs];
    }

    /// <summary>Mean probability per output (binary: one value, the positive class).</summary>
    public float[] Mean { get; }

    /// <summary>Population standard deviation of the probability per output.</summary>
    public float[] StdDev { get; }

    /// <summary>Entropy in nats of the mean predictive distribution.</summary>
    public float Entropy { get; private set; }

    /// <summary>Summarises <paramref name="passes"/> rows of logits (passes × outputs, row-major).</summary>
    public void Compute(ReadOnlySpan<float> logits, int passes)
    {
        Array.Clear(_sum);
        Array.Clear(_sumOfSquaredDeviations);
        for (int pass = 0; pass < passes; pass++)
        {
            ToProbabilities(logits.Slice(pass * _outputs, _outputs));
            for (int k = 0; k < _outputs; k++) _sum[k] += _probabilities[k];
        }
        for (int k = 0; k < _outputs; k++) Mean[k] = (float)(_sum[k] / passes);
        for (int pass = 0; pass < passes; pass++)
        {
            ToProbabilities(logits.Slice(pass * _outputs, _outputs));
            for (int k = 0; k < _outputs; k++)
            {
                double deviation = _probabilities[k] - _sum[k] / passes;
                _sumOfSquaredDeviations[k] += deviation * deviation;
            }
        }
        for (int k = 0; k < _outputs; k++) StdDev[k] = (float)Math.Sqrt(_sumOfSquaredDeviations[k] / passes);
        Entropy = _binary ? (float)(EntropyTerm(_sum[0] / passes) + EntropyTerm(1 - _sum[0] / passes)) : MulticlassEntropy(passes);
    }

    private float MulticlassEntropy(int passes)
    {
        double entropy = 0;
        for (int k = 0; k < _outputs; k++) entropy += EntropyTerm(_sum[k] / passes);
        return (float)entropy;
    }

    private static double EntropyTerm(double p) => p > 0 ? -p * Math.Log(p) : 0;

    private void ToProbabilities(ReadOnlySpan<float> logits)
    {
        if (_binary) _probabilities[0] = Sigmoid.Probability(logits[0]);
        else Softmax.Compute(logits, _probabilities);
    }
}
