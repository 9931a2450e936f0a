using System.Numerics.Tensors;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Attribution;

/// <summary>
/// Attributes one output of a network to its input features, relative to a fixed baseline row: integrated gradients or
/// gradient × input (<see cref="AttributionSettings"/>). Every path point of every row in a call goes through the network
/// as one batch (one forward and one backward pass), into buffers allocated once: a call allocates nothing.
/// Not thread-safe: use one attributor per thread.
/// </summary>
/// <remarks>
/// The gradient of output k is the backward pass of the loss-free output gradient eₖ (one-hot on the explained output).
/// The backward pass also fills each parameter's <see cref="Parameter.Gradient"/>, which attribution does not read.
/// Cost per row: <see cref="PointsPerRow"/> forward and backward passes (about 3 × <see cref="PointsPerRow"/> times the
/// multiply-adds of scoring the row).
/// </remarks>
public sealed class FeatureAttributor
{
    private readonly Network _network;
    private readonly float[] _baseline;
    private readonly float[] _nodes;
    private readonly float[] _weights;
    private readonly NetworkWorkspace _workspace;
    private readonly float[] _difference;
    private readonly float[] _path;
    private readonly float[] _outputGradient;
    private readonly float[] _inputGradient;

    /// <summary>Creates an attributor for calls of up to <paramref name="maxRows"/> rows.</summary>
    /// <param name="network">The trained network (read only).</param>
    /// <param name="baseline">The reference row b, <see cref="Network.InputSize"/> finite values: contributions explain f(x) − f(b).</param>
    /// <param name="settings">Method, integration steps and rule.</param>
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
        MaxRows = maxRows;
        int points = checked(maxRows * _nodes.Length);
        _workspace = network.CreateWorkspace(points);
        _difference = new float[checked(maxRows * features)];
        _path = new float[checked(points * features)];
        _inputGradient = new float[_path.Length];
        _outputGradient = new float[checked(points * network.OutputSize)];
    }

    /// <summary>Most rows per <see cref="Attribute"/> call.</summary>
    public int MaxRows { get; }

    /// <summary>Network evaluations (forward and backward) per attributed row: the integration steps, or 1 for gradient × input.</summary>
    public int PointsPerRow => _nodes.Length;

    /// <summary>The baseline row b.</summary>
    public ReadOnlySpan<float> Baseline => _baseline;

    /// <summary>
    /// Writes, for each row, the contribution of every feature to output <c>explainedOutputs[row]</c>:
    /// (xᵢ − bᵢ) · Σₛ wₛ ∂fₖ/∂xᵢ(b + αₛ(x − b)).
    /// </summary>
    /// <param name="rows">rowCount × <see cref="Network.InputSize"/> feature values, row-major.</param>
    /// <param name="rowCount">Rows, 1 to <see cref="MaxRows"/>.</param>
    /// <param name="explainedOutputs">For each row, the index of the network output explained.</param>
    /// <param name="contributions">Destination, rowCount × <see cref="Network.InputSize"/>.</param>
    public void Attribute(ReadOnlySpan<float> rows, int rowCount, ReadOnlySpan<int> explainedOutputs, Span<float> contributions)
    {
        int features = _network.InputSize, outputs = _network.OutputSize, points = _nodes.Length;
        CheckRows(rows, rowCount);
        if (explainedOutputs.Length < rowCount)
            throw new ArgumentException($"{explainedOutputs.Length} explained outputs were given for {rowCount} rows.", nameof(explainedOutputs));
        if (contributions.Length < rowCount * features)
            throw new ArgumentException($"The destination holds {contributions.Length} values; {rowCount} rows of {features} need {rowCount * features}.", nameof(contributions));

        Array.Clear(_outputGradient, 0, rowCount * points * outputs);
        for (int row = 0; row < rowCount; row++)
        {
            int output = explainedOutputs[row];
            if ((uint)output >= (uint)outputs)
                throw new ArgumentOutOfRangeException(nameof(explainedOutputs), output, $"Row {row} asks for output {output}; the network has outputs 0 to {outputs - 1}.");
            var difference = _difference.AsSpan(row * features, features);
            TensorPrimitives.Subtract(rows.Slice(row * features, features), _baseline, difference);
            for (int point = 0; point < points; point++)
            {
                int index = row * points + point;
                TensorPrimitives.MultiplyAdd(difference, _nodes[point], _baseline, _path.AsSpan(index * features, features));
                _outputGradient[index * outputs + output] = 1f;
            }
        }

        int batch = rowCount * points;
        _network.Forward(_path, _workspace, batch, ForwardMode.Inference);
        _network.Backward(_path, _workspace, _outputGradient, batch, threads: 1, _inputGradient);

        for (int row = 0; row < rowCount; row++)
        {
            var contribution = contributions.Slice(row * features, features);
            contribution.Clear();
            for (int point = 0; point < points; point++)
                TensorPrimitives.MultiplyAdd(_inputGradient.AsSpan((row * points + point) * features, features), _weights[point], contribution, contribution);
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

    private void CheckRows(ReadOnlySpan<float> rows, int rowCount)
    {
        if (rowCount < 1 || rowCount > MaxRows)
            throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, $"This attributor takes 1 to {MaxRows} rows per call.");
        if (rows.Length < rowCount * _network.InputSize)
            throw new ArgumentException($"The rows hold {rows.Length} values; {rowCount} rows of {_network.InputSize} need {rowCount * _network.InputSize}.", nameof(rows));
    }
}
