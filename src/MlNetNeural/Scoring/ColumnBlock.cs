using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Scoring;

/// <summary>
/// The values one input column had in a block of rows, copied out of the input cursor while it read ahead, so that
/// they can be served after the cursor has moved on. ML.NET getters are valid only for the current row and may reuse
/// their buffers, so vectors are copied into buffers of the block's own; scalars are copied by value, and text is kept
/// as the immutable memory ML.NET hands out (as ML.NET's own data cache does).
/// </summary>
internal abstract class ColumnBlock
{
    /// <summary>
    /// True for the column types a block can hold: ML.NET's primitive types (numbers, Boolean, text, keys, dates and
    /// times, row ids) and vectors of them. Others (images, user types) may be objects that the next row changes or disposes.
    /// </summary>
    public static bool CanHold(DataViewType type) =>
        type is PrimitiveDataViewType || type is VectorDataViewType { ItemType: PrimitiveDataViewType };

    /// <summary>A block for <paramref name="column"/> of <paramref name="input"/> with room for <paramref name="capacity"/> rows.</summary>
    /// <exception cref="ArgumentException">The column's type is not one <see cref="CanHold"/> accepts.</exception>
    public static ColumnBlock Create(DataViewRow input, DataViewSchema.Column column, int capacity)
    {
        if (!CanHold(column.Type)) throw new ArgumentException($"Column '{column.Name}' of type {column.Type} cannot be held in a block.", nameof(column));
        var blockType = column.Type is VectorDataViewType vector
            ? typeof(VectorBlock<>).MakeGenericType(vector.ItemType.RawType)
            : typeof(ValueBlock<>).MakeGenericType(column.Type.RawType);
        return (ColumnBlock)Activator.CreateInstance(blockType, input, column, capacity)!;
    }

    /// <summary>Copies the input cursor's current value into row <paramref name="slot"/> of the block.</summary>
    public abstract void Capture(int slot);

    /// <summary>A getter that serves the value of the row <paramref name="currentSlot"/> returns.</summary>
    public abstract Delegate CreateGetter(Func<int> currentSlot);

    /// <summary>Scalars: copied by value.</summary>
    private sealed class ValueBlock<T>(DataViewRow input, DataViewSchema.Column column, int capacity) : ColumnBlock
    {
        private readonly ValueGetter<T> _getter = input.GetGetter<T>(column);
        private readonly T[] _values = new T[capacity];

        public override void Capture(int slot) => _getter(ref _values[slot]);

        public override Delegate CreateGetter(Func<int> currentSlot) => (ValueGetter<T>)((ref T value) => value = _values[currentSlot()]);
    }

    /// <summary>
    /// Vectors: read into a scratch buffer, then copied into the block's own buffer for the row. The buffers are allocated
    /// with the cursor (at the column's size when it is known) and reused block after block, so reading rows allocates nothing.
    /// </summary>
    private sealed class VectorBlock<T>(DataViewRow input, DataViewSchema.Column column, int capacity) : ColumnBlock
    {
        private readonly ValueGetter<VBuffer<T>> _getter = input.GetGetter<VBuffer<T>>(column);
        private readonly VBuffer<T>[] _values = Enumerable.Range(0, capacity).Select(_ => Preallocated(column)).ToArray();
        private VBuffer<T> _scratch = Preallocated(column);

        private static VBuffer<T> Preallocated(DataViewSchema.Column column) =>
            column.Type is VectorDataViewType { Size: > 0 and var size } ? new VBuffer<T>(size, new T[size]) : default;

        public override void Capture(int slot)
        {
            _getter(ref _scratch);
            _scratch.CopyTo(ref _values[slot]);
        }

        public override Delegate CreateGetter(Func<int> currentSlot) =>
            (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) => _values[currentSlot()].CopyTo(ref value));
    }
}
