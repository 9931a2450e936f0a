using System.Numerics.Tensors;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Attribution;

/// <summary>
/// Cuts a straight segment of the input space into the pieces on which a piecewise-linear network (dense, sparse or LoRA layers with
/// identity, ReLU or LeakyReLU activations, dropout, feature scaling without a clip) is linear: inside a piece no
/// hidden unit changes sign, so the gradient is constant there, and integrated gradients is exactly the sum over the
/// pieces of each piece's length times the gradient at its centre.
/// </summary>
/// <remarks>
/// Every layer's values are carried along the path as affine functions a + α·c of the path position α, in double
/// precision. Everything before the first switching layer is affine over the whole path and computed once per row;
/// the next cut is the nearest later zero of any switching unit. Crossing a cut changes one unit (usually), so only the
/// change is pushed into the next layer (one column of its weights) before the layers after it are recomputed.
/// </remarks>
internal sealed class PiecewiseLinearPath
{
    /// <summary>Cut points closer than this to the current position are the switch just passed, not a new one.</summary>
    private const double MinimumPiece = 1e-9;

    private readonly Step[] _steps;
    private readonly int _firstSwitching;

    private PiecewiseLinearPath(Step[] steps, int inputSize)
    {
        _steps = steps;
        _firstSwitching = Array.FindIndex(steps, step => step.Switches);
        Input = new Values(inputSize);
    }

    /// <summary>The path's start and direction: a = b, c = x − b.</summary>
    private Values Input { get; }

    /// <summary>The path cutter for <paramref name="network"/>, or null when a layer is not piecewise linear (quadrature is used then).</summary>
    public static PiecewiseLinearPath? TryCreate(Network network)
    {
        var steps = new List<Step>();
        foreach (var layer in network.Layers)
        {
            switch (layer)
            {
                // Sparse (pruned, or a merged ensemble's block-diagonal layers) and LoRA layers compute what their dense form computes.
                case IFullyConnectedLayer connected when connected.Activation.Kind is ActivationKind.Identity or ActivationKind.ReLU or ActivationKind.LeakyReLU:
                    steps.Add(new DenseStep(connected as DenseLayer ?? connected.ToDense()));
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
    /// Writes the centres and lengths of the pieces of the straight segment from <paramref name="start"/> to
    /// <paramref name="end"/> (positions in [0, 1] along it; the lengths sum to 1) and returns how many there are, or −1
    /// when there are more than the destinations hold.
    /// </summary>
    public int Cut(ReadOnlySpan<double> start, ReadOnlySpan<double> end, Span<float> centres, Span<float> lengths)
    {
        for (int i = 0; i < start.Length; i++)
        {
            Input.Start[i] = start[i];
            Input.Slope[i] = end[i] - start[i];
        }
        for (int s = 0; s < _steps.Length; s++)
        {
            _steps[s].ComputeAll(Previous(s));
            _steps[s].Activate(0, all: true);
        }

        int pieces = 0;
        double position = 0;
        while (true)
        {
            double next = 1;
            for (int s = Math.Max(_firstSwitching, 0); s < _steps.Length; s++) next = Math.Min(next, _steps[s].NextZero(position));
            if (pieces == centres.Length) return -1;
            centres[pieces] = (float)((position + next) / 2);
            lengths[pieces] = (float)(next - position);
            pieces++;
            if (next >= 1) return pieces;
            position = next;
            Advance(position);
        }
    }

    private Values Previous(int step) => step == 0 ? Input : _steps[step - 1].Output;

    /// <summary>Re-decides every switching unit's side at <paramref name="position"/> and pushes the changes downstream.</summary>
    private void Advance(double position)
    {
        // Layers before the first switching one never change; it sees the same pre-activation, only its sides change.
        _steps[_firstSwitching].Activate(position, all: false);
        for (int s = _firstSwitching + 1; s < _steps.Length; s++)
        {
            var before = _steps[s - 1];
            if (before.Changed.Count == 0 && !before.ChangedAll) return;
            if (before.ChangedAll || before.Changed.Count * 4 > before.Output.Length) _steps[s].ComputeAll(before.Output);
            else _steps[s].AddChanges(before);
            _steps[s].Activate(position, all: true);
        }
    }

    /// <summary>Affine functions a + α·c, one per unit.</summary>
    private sealed class Values(int length)
    {
        public double[] Start { get; } = new double[length];

        public double[] Slope { get; } = new double[length];

        public int Length => Start.Length;
    }

    /// <summary>One layer: an affine map to the pre-activation, then (ReLU, LeakyReLU) a slope chosen by each unit's side of zero.</summary>
    private abstract class Step(int outputSize, bool switches, float negativeSlope)
    {
        private readonly bool[] _positive = new bool[outputSize];
        private readonly double[] _oldStart = new double[outputSize];
        private readonly double[] _oldSlope = new double[outputSize];

        /// <summary>The pre-activation.</summary>
        protected Values Pre { get; } = new(outputSize);

        /// <summary>The output after the activation's slope.</summary>
        public Values Output { get; } = new(outputSize);

        /// <summary>True when the activation changes a unit's slope at zero.</summary>
        public bool Switches => switches;

        /// <summary>Units whose output changed in the last <see cref="Activate"/> (unless <see cref="ChangedAll"/>).</summary>
        public List<int> Changed { get; } = new(outputSize);

        /// <summary>True when every unit may have changed in the last <see cref="Activate"/>.</summary>
        public bool ChangedAll { get; private set; }

        /// <summary>Output change of unit <paramref name="unit"/> in the last <see cref="Activate"/>: (Δa, Δc).</summary>
        public (double Start, double Slope) Change(int unit) => (Output.Start[unit] - _oldStart[unit], Output.Slope[unit] - _oldSlope[unit]);

        /// <summary>Recomputes the whole pre-activation from <paramref name="input"/>.</summary>
        public abstract void ComputeAll(Values input);

        /// <summary>Adds to the pre-activation what the changed units of <paramref name="before"/> contribute.</summary>
        public abstract void AddChanges(Step before);

        /// <summary>
        /// Decides each unit's side just after <paramref name="position"/> and writes the output; records which units changed
        /// (with <paramref name="all"/>, every unit counts as changed, because the pre-activation itself changed).
        /// </summary>
        public void Activate(double position, bool all)
        {
            Changed.Clear();
            ChangedAll = all;
            for (int unit = 0; unit < Output.Length; unit++)
            {
                bool positive = true;
                if (switches)
                {
                    double a = Pre.Start[unit], c = Pre.Slope[unit];
                    double value = a + position * c, tolerance = 1e-12 * (Math.Abs(a) + Math.Abs(c));
                    positive = value > tolerance || (value >= -tolerance && c > 0);
                }
                if (!all && positive == _positive[unit]) continue;
                _positive[unit] = positive;
                _oldStart[unit] = Output.Start[unit];
                _oldSlope[unit] = Output.Slope[unit];
                double scale = positive ? 1 : negativeSlope;
                Output.Start[unit] = Pre.Start[unit] * scale;
                Output.Slope[unit] = Pre.Slope[unit] * scale;
                if (!all) Changed.Add(unit);
            }
        }

        /// <summary>The nearest zero of a unit's pre-activation after <paramref name="position"/>, or 1 when none comes before the row.</summary>
        public double NextZero(double position)
        {
            if (!switches) return 1;
            double next = 1;
            for (int unit = 0; unit < Pre.Length; unit++)
            {
                double c = Pre.Slope[unit];
                if (c == 0) continue;
                double zero = -Pre.Start[unit] / c;
                if (zero > position + MinimumPiece && zero < next) next = zero;
            }
            return next;
        }
    }

    private sealed class DenseStep : Step
    {
        private readonly double[] _weights;
        private readonly double[] _bias;
        private readonly int _inputs;

        public DenseStep(DenseLayer dense)
            : base(dense.OutputSize, dense.Activation.Kind != ActivationKind.Identity,
                dense.Activation.Kind == ActivationKind.LeakyReLU ? dense.Activation.LeakySlope : 0f)
        {
            _weights = Array.ConvertAll(dense.Weights.Values, w => (double)w);
            _bias = Array.ConvertAll(dense.Bias.Values, b => (double)b);
            _inputs = dense.InputSize;
        }

        public override void ComputeAll(Values input)
        {
            for (int unit = 0; unit < Pre.Length; unit++)
            {
                var row = _weights.AsSpan(unit * _inputs, _inputs);
                Pre.Start[unit] = _bias[unit] + TensorPrimitives.Dot(row, input.Start);
                Pre.Slope[unit] = TensorPrimitives.Dot(row, input.Slope);
            }
        }

        public override void AddChanges(Step before)
        {
            foreach (int input in before.Changed)
            {
                var (start, slope) = before.Change(input);
                for (int unit = 0; unit < Pre.Length; unit++)
                {
                    double weight = _weights[unit * _inputs + input];
                    Pre.Start[unit] += weight * start;
                    Pre.Slope[unit] += weight * slope;
                }
            }
        }
    }

    /// <summary>Feature scaling without a clip: y = (x − shift)·scale·gain, an affine map per feature.</summary>
    private sealed class ScalingStep(FeatureScalingLayer scaling) : Step(scaling.OutputSize, false, 1f)
    {
        private readonly double[] _multiplier = Enumerable.Range(0, scaling.OutputSize)
            .Select(i => (double)scaling.Scale[i] * (scaling.Gain is { } gain ? gain.Values[i] : 1f)).ToArray();

        private readonly double[] _shift = Array.ConvertAll(scaling.Shift.ToArray(), s => (double)s);

        public override void ComputeAll(Values input)
        {
            for (int i = 0; i < Pre.Length; i++)
            {
                Pre.Start[i] = (input.Start[i] - _shift[i]) * _multiplier[i];
                Pre.Slope[i] = input.Slope[i] * _multiplier[i];
            }
        }

        public override void AddChanges(Step before)
        {
            foreach (int i in before.Changed)
            {
                var (start, slope) = before.Change(i);
                Pre.Start[i] += start * _multiplier[i];
                Pre.Slope[i] += slope * _multiplier[i];
            }
        }
    }
}
