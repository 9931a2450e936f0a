using System.Numerics.Tensors;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Attribution;

/// <summary>
/// Attributes one output of a network to its input features, relative to a fixed baseline row: integrated gradients or
/// gradient × input (<see cref="AttributionSettings"/>). The path points of a call go through the network in batches
/// (with a quadrature rule, all points of all rows of a call in one forward and one backward pass), in buffers
/// allocated once: a call allocates nothing. Not thread-safe: use one attributor per thread.
/// </summary>
/// <remarks>
/// The gradient of output k is the backward pass of the loss-free output gradient eₖ (one-hot on the explained output).
/// The backward pass also fills each parameter's <see cref="Parameter.Gradient"/>, which attribution does not read.
/// Cost per row: one forward and one backward pass per path point, about 3 times the multiply-adds of scoring the row
/// per point. Points per row: the pieces of the path with <see cref="IntegrationRule.LinearPieces"/> (about the number
/// of hidden units that switch between baseline and row), else <see cref="AttributionSettings.IntegrationSteps"/>, or 1
/// for gradient × input.
/// </remarks>
public sealed class FeatureAttributor
{
    private readonly Network _network;
    private readonly float[] _baseline;
    private readonly float[] _nodes;
    private readonly float[] _weights;
    private readonly PiecewiseLinearPath? _pieces;
    private readonly float[] _pieceCentres;
    private readonly float[] _pieceLengths;
    private readonly int _capacity;
    private readonly NetworkWorkspace _workspace;
    private readonly float[] _difference;
    private readonly float[] _path;
    private readonly float[] _outputGradient;
    private readonly float[] _inputGradient;
    private readonly int[] _pointRow;
    private readonly float[] _pointWeight;
    private int _pending;

    /// <summary>Creates an attributor for calls of up to <paramref name="maxRows"/> rows.</summary>
    /// <param name="network">The trained network (read only).</param>
    /// <param name="baseline">The reference row b, <see cref="Network.InputSize"/> finite values: contributions explain f(x) − f(b).</param>
    /// <param name="settings">Method, integration rule and steps.</param>
    /// <param name="maxRows">Most rows per <see cref="Attribute"/> call, at least 1.</param>
    /// <exception cref="ArgumentException">The baseline has the wrong length or a value that is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting or <paramref name="maxRows"/> is out of range.</exception>
    public FeatureAttributor(Network network, ReadOnlySpan<float> baseline, AttributionSettings settings, int maxRows = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        int features = network.InputSize;
        if (baseline.Length != features)
            throw new ArgumentException($"The baseline has {baseline.Length} values; the network reads {features} features.", nameof(baseline));
        for (int i = 0; i < features; i++)
        {
            if (!float.IsFinite(baseline[i]))
                throw new ArgumentException($"Baseline value {i} is {baseline[i]}; a baseline needs finite numbers.", nameof(baseline));
        }
        var quadrature = settings.CreateQuadrature();
        _network = network;
        _baseline = baseline.ToArray();
        _nodes = [.. quadrature.Nodes];
        _weights = [.. quadrature.Weights];
        bool linearPieces = settings.Method == AttributionMethod.IntegratedGradients && settings.Rule == IntegrationRule.LinearPieces;
        _pieces = linearPieces ? PiecewiseLinearPath.TryCreate(network) : null;
        _pieceCentres = new float[_pieces is null ? 0 : AttributionSettings.MaxIntegrationSteps];
        _pieceLengths = new float[_pieceCentres.Length];
        MaxRows = maxRows;
        _capacity = checked(maxRows * _nodes.Length);
        _workspace = network.CreateWorkspace(_capacity);
        _difference = new float[checked(maxRows * features)];
        _path = new float[checked(_capacity * features)];
        _inputGradient = new float[_path.Length];
        _outputGradient = new float[checked(_capacity * network.OutputSize)];
        _pointRow = new int[_capacity];
        _pointWeight = new float[_capacity];
    }

    /// <summary>Most rows per <see cref="Attribute"/> call.</summary>
    public int MaxRows { get; }

    /// <summary>
    /// True when integrated gradients is computed exactly on linear pieces of the path (the rule asks for it and every
    /// layer of the network is piecewise linear); false when a quadrature rule is used.
    /// </summary>
    public bool IsExact => _pieces is not null;

    /// <summary>The baseline row b.</summary>
    public ReadOnlySpan<float> Baseline => _baseline;

    /// <summary>
    /// Writes, for each row, the contribution of every feature to output <c>explainedOutputs[row]</c>:
    /// (xᵢ − bᵢ) · ∫₀¹ ∂fₖ/∂xᵢ(b + α(x − b)) dα, the integral taken over the linear pieces of the path or by quadrature
    /// (for gradient × input, the gradient at x alone).
    /// </summary>
    /// <param name="rows">rowCount × <see cref="Network.InputSize"/> feature values, row-major.</param>
    /// <param name="rowCount">Rows, 1 to <see cref="MaxRows"/>.</param>
    /// <param name="explainedOutputs">For each row, the index of the network output explained.</param>
    /// <param name="contributions">Destination, rowCount × <see cref="Network.InputSize"/>.</param>
    public void Attribute(ReadOnlySpan<float> rows, int rowCount, ReadOnlySpan<int> explainedOutputs, Span<float> contributions)
    {
        int features = _network.InputSize, outputs = _network.OutputSize;
        CheckRows(rows, rowCount);
        if (explainedOutputs.Length < rowCount)
            throw new ArgumentException($"{explainedOutputs.Length} explained outputs were given for {rowCount} rows.", nameof(explainedOutputs));
        if (contributions.Length < rowCount * features)
            throw new ArgumentException($"The destination holds {contributions.Length} values; {rowCount} rows of {features} need {rowCount * features}.", nameof(contributions));
        for (int row = 0; row < rowCount; row++)
        {
            if ((uint)explainedOutputs[row] >= (uint)outputs)
                throw new ArgumentOutOfRangeException(nameof(explainedOutputs), explainedOutputs[row], $"Row {row} asks for output {explainedOutputs[row]}; the network has outputs 0 to {outputs - 1}.");
        }

        contributions.Slice(0, rowCount * features).Clear();
        for (int row = 0; row < rowCount; row++)
        {
            var difference = _difference.AsSpan(row * features, features);
            TensorPrimitives.Subtract(rows.Slice(row * features, features), _baseline, difference);
            int pieces = _pieces?.Cut(_baseline, rows.Slice(row * features, features), _pieceCentres, _pieceLengths) ?? -1;
            ReadOnlySpan<float> nodes = pieces >= 0 ? _pieceCentres.AsSpan(0, pieces) : _nodes;
            ReadOnlySpan<float> weights = pieces >= 0 ? _pieceLengths.AsSpan(0, pieces) : _weights;
            for (int point = 0; point < nodes.Length; point++)
                AddPoint(row, nodes[point], weights[point], explainedOutputs[row], contributions);
        }
        EvaluatePending(contributions);
        for (int row = 0; row < rowCount; row++)
        {
            var contribution = contributions.Slice(row * features, features);
            TensorPrimitives.Multiply(contribution, _difference.AsSpan(row * features, features), contribution);
        }
    }

    /// <summary>Writes, for each row, the index of its largest network output (the predicted class of a multiclass model).</summary>
    /// <param name="rows">rowCount × <see cref="Network.InputSize"/> feature values, row-major.</param>
    /// <param name="rowCount">Rows, 1 to <see cref="MaxRows"/>.</param>
    /// <param name="predictedOutputs">Destination, at least <paramref name="rowCount"/> values.</param>
    public void PredictOutputs(ReadOnlySpan<float> rows, int rowCount, Span<int> predictedOutputs)
    {
        CheckRows(rows, rowCount);
        int outputs = _network.OutputSize;
        var scores = _network.Forward(rows, _workspace, rowCount, ForwardMode.Inference);
        for (int row = 0; row < rowCount; row++) predictedOutputs[row] = TensorPrimitives.IndexOfMax(scores.Slice(row * outputs, outputs));
    }

    /// <summary>Queues the path point b + α·(x − b) of <paramref name="row"/> with its weight; runs the batch when it is full.</summary>
    private void AddPoint(int row, float alpha, float weight, int output, Span<float> contributions)
    {
        if (_pending == _capacity) EvaluatePending(contributions);
        int features = _network.InputSize, outputs = _network.OutputSize;
        TensorPrimitives.MultiplyAdd(_difference.AsSpan(row * features, features), alpha, _baseline, _path.AsSpan(_pending * features, features));
        var gradient = _outputGradient.AsSpan(_pending * outputs, outputs);
        gradient.Clear();
        gradient[output] = 1f;
        _pointRow[_pending] = row;
        _pointWeight[_pending] = weight;
        _pending++;
    }

    /// <summary>Runs the queued points through the network and adds weight × ∂fₖ/∂x of each to its row's sum.</summary>
    private void EvaluatePending(Span<float> contributions)
    {
        if (_pending == 0) return;
        int features = _network.InputSize;
        _network.Forward(_path, _workspace, _pending, ForwardMode.Inference);
        _network.Backward(_path, _workspace, _outputGradient, _pending, threads: 1, _inputGradient);
        for (int point = 0; point < _pending; point++)
        {
            var sum = contributions.Slice(_pointRow[point] * features, features);
            TensorPrimitives.MultiplyAdd(_inputGradient.AsSpan(point * features, features), _pointWeight[point], sum, sum);
        }
        _pending = 0;
    }

    private void CheckRows(ReadOnlySpan<float> rows, int rowCount)
    {
        if (rowCount < 1 || rowCount > MaxRows)
            throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, $"This attributor takes 1 to {MaxRows} rows per call.");
        if (rows.Length < rowCount * _network.InputSize)
            throw new ArgumentException($"The rows hold {rows.Length} values; {rowCount} rows of {_network.InputSize} need {rowCount * _network.InputSize}.", nameof(rows));
    }
}
