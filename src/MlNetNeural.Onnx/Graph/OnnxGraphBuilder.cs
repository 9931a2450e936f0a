using MlNetNeural.Onnx.Protobuf;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.Graph;

/// <summary>
/// Appends nodes, constant initializers, inputs and outputs to an ONNX <see cref="GraphProto"/>, refusing to define
/// any value name twice (ONNX requires single assignment).
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>In a shape passed to <see cref="AddInput"/>/<see cref="AddOutput"/>, marks the symbolic batch dimension.</summary>
    public const long BatchDimension = -1;

    /// <summary>The symbolic name written for the batch dimension.</summary>
    public const string BatchDimensionName = "N";

    private readonly HashSet<string> _definedNames = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string graphName) => Graph = new GraphProto { Name = graphName };

    public GraphProto Graph { get; }

    public void AddInput(string name, DataType elementType, params long[] shape)
    {
        Define(name);
        Graph.Input.Add(ValueInfo(name, elementType, shape));
    }

    /// <summary>Declares an existing value (produced by a node) as a graph output.</summary>
    public void AddOutput(string name, DataType elementType, params long[] shape)
    {
        if (!_definedNames.Contains(name))
            throw new InvalidOperationException($"Graph output '{name}' is not produced by any node.");
        Graph.Output.Add(ValueInfo(name, elementType, shape));
    }

    /// <summary>Adds a float constant with the given dimensions (none for a scalar); returns its name.</summary>
    public string AddInitializer(string name, float[] values, params long[] dims) =>
        AddTensor(name, DataType.Float, dims, tensor => tensor.FloatData.Add(values));

    /// <summary>Adds a double constant with the given dimensions (for steps computed in double precision); returns its name.</summary>
    public string AddDoubleInitializer(string name, double[] values, params long[] dims) =>
        AddTensor(name, DataType.Double, dims, tensor => tensor.DoubleData.Add(values));

    /// <summary>Adds an int64 constant with the given dimensions (for indices, axes and shapes); returns its name.</summary>
    public string AddInt64Initializer(string name, long[] values, params long[] dims) =>
        AddTensor(name, DataType.Int64, dims, tensor => tensor.Int64Data.Add(values));

    private string AddTensor(string name, DataType type, long[] dims, Action<TensorProto> fill)
    {
        Define(name);
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.Add(dims);
        fill(tensor);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>The domain of ONNX's classical machine-learning operators (<c>LabelEncoder</c>, ...).</summary>
    public const string MlDomain = "ai.onnx.ml";

    /// <summary>Adds a node of the default ONNX domain producing <paramref name="output"/>; returns the output name.</summary>
    public string AddNode(string opType, string[] inputs, string output, params AttributeProto[] attributes) =>
        AddNode("", opType, inputs, output, attributes);

    /// <summary>Adds a node of the <see cref="MlDomain"/> domain producing <paramref name="output"/>; returns the output name.</summary>
    public string AddMlNode(string opType, string[] inputs, string output, params AttributeProto[] attributes) =>
        AddNode(MlDomain, opType, inputs, output, attributes);

    private string AddNode(string domain, string opType, string[] inputs, string output, AttributeProto[] attributes)
    {
        foreach (var input in inputs)
        {
            if (!_definedNames.Contains(input))
                throw new InvalidOperationException($"Node '{output}' ({opType}) reads '{input}', which is not defined yet.");
        }
        Define(output);
        var node = new NodeProto { Name = output, OpType = opType, Domain = domain };
        node.Input.Add(inputs);
        node.Output.Add(output);
        node.Attribute.Add(attributes);
        Graph.Node.Add(node);
        return output;
    }

    public static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto FloatAttribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto IntsAttribute(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    public static AttributeProto FloatsAttribute(string name, IEnumerable<float> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.Add(values);
        return attribute;
    }

    /// <summary>A list of strings, stored as UTF-8 (as ONNX stores every string).</summary>
    public static AttributeProto StringsAttribute(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.Add(values.Select(Google.Protobuf.ByteString.CopyFromUtf8));
        return attribute;
    }

    private void Define(string name)
    {
        if (!_definedNames.Add(name))
            throw new InvalidOperationException($"The value name '{name}' is defined twice in the ONNX graph.");
    }

    private static ValueInfoProto ValueInfo(string name, DataType elementType, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (long size in shape)
        {
            tensorShape.Dim.Add(size == BatchDimension
                ? new TensorShapeProto.Types.Dimension { DimParam = BatchDimensionName }
                : new TensorShapeProto.Types.Dimension { DimValue = size });
        }
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = tensorShape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
