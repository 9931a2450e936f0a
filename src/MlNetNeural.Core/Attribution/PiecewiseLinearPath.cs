using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Attribution;

/// <summary>
/// Cuts the straight path from a baseline b to a row x into the pieces on which a piecewise-linear network (dense layers
/// with identity, ReLU or LeakyReLU activations, dropout, feature scaling without a clip) is linear: inside a piece no
/// hidden unit changes sign, so the gradient is constant there, and integrated gradients is exactly the sum over the
/// pieces of each piece's length times the gradient at its centre. The cut points are found in double precision by
/// carrying every layer's values along the path as affine functions a + α·c of the path position α.
/// </summary>
internal sealed class PiecewiseLinearPath
{
    /// <summary>Cut points closer than this to the current position are the switch just passed, not a new one.</summary>
    private const double MinimumPiece = 1e-9;

    private readonly Step[] _steps;
    private readonly int _firstSwitching;
    private readonly double[][] _start;
    private readonly double[][] _slope;
    private readonly double[] _preStart;
    private readonly double[] _preSlope;

    private PiecewiseLinearPath(Step[] steps, int inputSize)
    {
        _steps = steps;
        _firstSwitching = Array.FindIndex(steps, step => step.Switches);
        _start = [new double[inputSize], .. steps.Select(step => new double[step.OutputSize])];
        _slope = [new double[inputSize], .. steps.Select(step => new double[step.OutputSize])];
        int widest = steps.Max(step => step.OutputSize);
        _preStart = new double[widest];
        _preSlope = new double[widest];
    }

    /// <summary>The path cutter for <paramref name="network"/>, or null when a layer is not piecewise linear (quadrature is used then).</summary>
    public static PiecewiseLinearPath? TryCreate(Network network)
    {
        var steps = new List<Step>();
        foreach (var layer in network.Layers)
        {
            switch (layer)
            {
                case DenseLayer dense when dense.Activation.Kind is ActivationKind.Identity or ActivationKind.ReLU or ActivationKind.LeakyReLU:
                    steps.Add(new DenseStep(dense));
                    break;
                case DropoutLayer:
                    break;
                case FeatureScalingLayer { ClipBound: 0f } scaling:
                    steps.Add(new ScalingStep(scaling));
                    break;
                default:
                    return null;
            }
        }
        return new PiecewiseLinearPath([.. steps], network.InputSize);
    }

    /// <summary>
    /// Writes the centres and lengths of the pieces of the path from <paramref name="baseline"/> to <paramref name="row"/>
    /// (the lengths sum to 1) and returns how many there are, or −1 when there are more than the destinations hold.
    /// </summary>
    public int Cut(ReadOnlySpan<float> baseline, ReadOnlySpan<float> row, Span<float> centres, Span<float> lengths)
    {
        for (int i = 0; i < baseline.Length; i++)
        {
            _start[0][i] = baseline[i];
            _slope[0][i] = (double)row[i] - baseline[i];
        }
        int switching = _firstSwitching < 0 ? _steps.Length : _firstSwitching;
        // Everything up to the first switching layer's pre-activation is affine along the whole path: compute it once.
        for (int s = 0; s < switching; s++) _steps[s].Affine(_start[s], _slope[s], _start[s + 1], _slope[s + 1]);
        if (switching < _steps.Length) _steps[switching].Affine(_start[switching], _slope[switching], _preStart, _preSlope);

        int pieces = 0;
        double position = 0;
        while (position < 1)
        {
            double next = 1;
            for (int s = switching; s < _steps.Length; s++)
            {
                bool first = s == switching;
                if (!first) _steps[s].Affine(_start[s], _slope[s], _start[s + 1], _slope[s + 1]);
                _steps[s].Switch(first ? _preStart : _start[s + 1], first ? _preSlope : _slope[s + 1], _start[s + 1], _slope[s + 1], position, ref next);
            }
            if (pieces == centres.Length) return -1;
            centres[pieces] = (float)((position + next) / 2);
            lengths[pieces] = (float)(next - position);
            pieces++;
            position = next;
        }
        return pieces;
    }

    /// <summary>One layer: an affine map, then (for ReLU and LeakyReLU) a slope that switches with the sign of each unit.</summary>
    private abstract class Step
    {
        public abstract int OutputSize { get; }

        /// <summary>True when the step's activation changes a unit's slope at zero (ReLU, LeakyReLU).</summary>
        public virtual bool Switches => false;

        /// <summary>Maps the input a + α·c to the pre-activation a′ + α·c′ (outputs may not alias inputs).</summary>
        public abstract void Affine(double[] start, double[] slope, double[] outStart, double[] outSlope);

        /// <summary>
        /// Applies the activation's slope on the side of zero each unit is on just after <paramref name="position"/>
        /// (in place is allowed), and lowers <paramref name="next"/> to the first later position where a unit changes sign.
        /// </summary>
        public virtual void Switch(double[] preStart, double[] preSlope, double[] outStart, double[] outSlope, double position, ref double next)
        {
            Array.Copy(preStart, outStart, OutputSize);
            Array.Copy(preSlope, outSlope, OutputSize);
        }
    }

    private sealed class DenseStep(DenseLayer dense) : Step
    {
        private readonly float _negativeSlope = dense.Activation.Kind == ActivationKind.LeakyReLU ? dense.Activation.LeakySlope : 0f;

        public override int OutputSize => dense.OutputSize;

        public override bool Switches => dense.Activation.Kind != ActivationKind.Identity;

        public override void Affine(double[] start, double[] slope, double[] outStart, double[] outSlope)
        {
            float[] weights = dense.Weights.Values, bias = dense.Bias.Values;
            int inputs = dense.InputSize;
            for (int unit = 0; unit < dense.OutputSize; unit++)
            {
                double a = bias[unit], c = 0;
                int row = unit * inputs;
                for (int i = 0; i < inputs; i++)
                {
                    a += weights[row + i] * start[i];
                    c += weights[row + i] * slope[i];
                }
                outStart[unit] = a;
                outSlope[unit] = c;
            }
        }

        public override void Switch(double[] preStart, double[] preSlope, double[] outStart, double[] outSlope, double position, ref double next)
        {
            if (!Switches)
            {
                base.Switch(preStart, preSlope, outStart, outSlope, position, ref next);
                return;
            }
            for (int unit = 0; unit < dense.OutputSize; unit++)
            {
                double a = preStart[unit], c = preSlope[unit];
                double value = a + position * c;
                double tolerance = 1e-12 * (Math.Abs(a) + Math.Abs(c));
                bool positive = value > tolerance || (value >= -tolerance && c > 0);
                if (c != 0)
                {
                    double zero = -a / c;
                    if (zero > position + MinimumPiece && zero < next) next = zero;
                }
                outStart[unit] = positive ? a : a * _negativeSlope;
                outSlope[unit] = positive ? c : c * _negativeSlope;
            }
        }
    }

    /// <summary>Feature scaling without a clip: y = (x − shift)·scale·gain, an affine map per feature.</summary>
    private sealed class ScalingStep(FeatureScalingLayer scaling) : Step
    {
        public override int OutputSize => scaling.OutputSize;

        public override void Affine(double[] start, double[] slope, double[] outStart, double[] outSlope)
        {
            for (int i = 0; i < scaling.OutputSize; i++)
            {
                double multiplier = (double)scaling.Scale[i] * (scaling.Gain is { } gain ? gain.Values[i] : 1f);
                outStart[i] = (start[i] - scaling.Shift[i]) * multiplier;
                outSlope[i] = slope[i] * multiplier;
            }
        }
    }
}
