using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Data;

/// <summary>Checks a feature column and reads it as dense float rows: a known-size vector of Single, or a single Single.</summary>
internal sealed class FeatureColumn
{
    private FeatureColumn(DataViewSchema.Column column, int size)
    {
        Column = column;
        Size = size;
    }

    public DataViewSchema.Column Column { get; }

    /// <summary>Values per row.</summary>
    public int Size { get; }

    /// <summary>Finds and checks the column, with an ML.NET-style message when it is missing or of the wrong type.</summary>
    public static FeatureColumn Find(DataViewSchema schema, string name)
    {
        var column = SchemaChecks.Require(schema, name, "feature");
        return column.Type switch
        {
            VectorDataViewType { ItemType: NumberDataViewType number } vector when number.RawType == typeof(float) =>
                vector.IsKnownSize
                    ? new FeatureColumn(column, vector.Size)
                    : throw SchemaChecks.Mismatch("feature", name, "known-size vector of Single", column.Type,
                        "The vector's size is not known from the schema; build the column with Concatenate, or load it with a fixed-size VectorType."),
            NumberDataViewType number when number.RawType == typeof(float) => new FeatureColumn(column, 1),
            _ => throw SchemaChecks.Mismatch("feature", name, "known-size vector of Single", column.Type,
                "Convert the inputs to Single (ml.Transforms.Conversion.ConvertType) and Concatenate them into one vector column."),
        };
    }

    /// <summary>Finds and checks the column like <see cref="Find(DataViewSchema, string)"/>, and that it has the <paramref name="modelFeatures"/> values per row a model reads.</summary>
    public static FeatureColumn Find(DataViewSchema schema, string name, int modelFeatures)
    {
        var feature = Find(schema, name);
        return feature.Size == modelFeatures
            ? feature
            : throw SchemaChecks.Mismatch("feature", name, $"Vector<Single, {modelFeatures}>", feature.Column.Type,
                $"The model was trained on {modelFeatures} features; the data must go through the same transforms before scoring.");
    }

    /// <summary>
    /// Throws, naming the row, slot and feature, when <paramref name="features"/> holds a NaN or infinity: the check every
    /// transformer that runs a network on this column makes, with one message.
    /// </summary>
    public void CheckFinite(long row, ReadOnlySpan<float> features)
    {
        if (NonFiniteError(row, features) is { } error) throw error;
    }

    /// <summary>The error of <see cref="CheckFinite"/> for row <paramref name="row"/>, or null when its features are all finite.</summary>
    public Exception? NonFiniteError(long row, ReadOnlySpan<float> features)
    {
        int slot = MlNetNeural.Core.Kernels.FiniteValues.IndexOfNonFinite(features);
        if (slot < 0) return null;
        string name = SlotNames.Of(Column, slot) is { } slotName ? $" ('{slotName}')" : "";
        return new InvalidOperationException(
            $"Row {row} of feature column '{Column.Name}' has {features[slot]} in slot {slot}{name}. " +
            "Replace missing values (ml.Transforms.ReplaceMissingValues) the same way as for training.");
    }

    /// <summary>A getter that writes the current row's features, densified, into a span of <see cref="Size"/> values.</summary>
    public FeatureReader CreateReader(DataViewRow row) => new(row, this);

    /// <summary>Reads one row's features without allocating after the first call.</summary>
    internal sealed class FeatureReader
    {
        private readonly ValueGetter<VBuffer<float>>? _vectorGetter;
        private readonly ValueGetter<float>? _scalarGetter;
        private readonly int _size;
        private readonly string _name;
        private VBuffer<float> _buffer;

        public FeatureReader(DataViewRow row, FeatureColumn feature)
        {
            _size = feature.Size;
            _name = feature.Column.Name;
            if (feature.Column.Type is VectorDataViewType) _vectorGetter = row.GetGetter<VBuffer<float>>(feature.Column);
            else _scalarGetter = row.GetGetter<float>(feature.Column);
        }

        /// <summary>Writes the current row's features into <paramref name="destination"/>; <paramref name="row"/> names the row in errors.</summary>
        public void Read(Span<float> destination, long row)
        {
            var values = View(destination, row);
            if (!values.Overlaps(destination)) values.CopyTo(destination);
        }

        /// <summary>
        /// The current row's features without copying them when the column hands out a dense vector (valid until the row
        /// moves); otherwise they are written into <paramref name="scratch"/> (<see cref="Size"/> values), which is returned.
        /// <paramref name="row"/> names the row in errors.
        /// </summary>
        public ReadOnlySpan<float> View(Span<float> scratch, long row)
        {
            if (_scalarGetter is not null)
            {
                float value = 0;
                _scalarGetter(ref value);
                scratch[0] = value;
                return scratch.Slice(0, 1);
            }
            _vectorGetter!(ref _buffer);
            if (_buffer.Length != _size)
                throw new InvalidOperationException($"Row {row} of feature column '{_name}' has {_buffer.Length} values but the column declares {_size}; every row must have the same length.");
            if (_buffer.IsDense) return _buffer.GetValues();
            _buffer.CopyTo(scratch);
            return scratch.Slice(0, _size);
        }
    }
}
