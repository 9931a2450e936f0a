using System.Numerics.Tensors;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Attribution;

/// <summary>
/// Points of one network evaluated in batches of up to <see cref="Capacity"/> rows: for each point, the gradient of one
/// output with respect to the network's input (the backward pass of the one-hot output gradient), multiplied element-wise
/// by a difference vector and a weight, is added to a target row of a sum. One forward and one backward pass per batch;
/// nothing is allocated after construction.
/// </summary>
internal sealed class GradientBatch
{
    private readonly Network _network;
    private readonly NetworkWorkspace _workspace;
    private readonly float[] _inputs;
    private readonly float[] _outputGradient;
    private readonly float[] _inputGradient;
    private readonly int[] _target;
    private readonly float[] _weight;
    private readonly int[] _delta;
    private int _count;

    public GradientBatch(Network network, int capacity)
    {
        _network = network;
        Capacity = capacity;
        _workspace = network.CreateWorkspace(capacity);
        _inputs = new float[checked(capacity * network.InputSize)];
        _inputGradient = new float[_inputs.Length];
        _outputGradient = new float[checked(capacity * network.OutputSize)];
        _target = new int[capacity];
        _weight = new float[capacity];
        _delta = new int[capacity];
    }

    /// <summary>Most points per forward and backward pass.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Queues a point and returns the input row to write it into; it will add <paramref name="weight"/> × ∂f_output/∂input
    /// ⊙ difference number <paramref name="delta"/> of <paramref name="deltas"/> to row <paramref name="target"/> of
    /// <paramref name="sums"/>. Runs the batch first when it is full.
    /// </summary>
    public Span<float> Add(int target, float weight, int delta, int output, Span<float> sums, ReadOnlySpan<float> deltas)
    {
        if (_count == Capacity) Flush(sums, deltas);
        int width = _network.InputSize, outputs = _network.OutputSize;
        var gradient = _outputGradient.AsSpan(_count * outputs, outputs);
        gradient.Clear();
        gradient[output] = 1f;
        _target[_count] = target;
        _weight[_count] = weight;
        _delta[_count] = delta;
        return _inputs.AsSpan(_count++ * width, width);
    }

    /// <summary>Runs the queued points and adds what each contributes to its target row (row width: the network's input size).</summary>
    public void Flush(Span<float> sums, ReadOnlySpan<float> deltas)
    {
        if (_count == 0) return;
        int width = _network.InputSize;
        _network.Forward(_inputs, _workspace, _count, ForwardMode.Inference);
        _network.BackwardToInput(_inputs, _workspace, _outputGradient, _count, threads: 1, _inputGradient);
        for (int point = 0; point < _count; point++)
        {
            var sum = sums.Slice(_target[point] * width, width);
            var gradient = _inputGradient.AsSpan(point * width, width);
            TensorPrimitives.Multiply(gradient, deltas.Slice(_delta[point] * width, width), gradient);
            TensorPrimitives.MultiplyAdd(gradient, _weight[point], sum, sum);
        }
        _count = 0;
    }
}
