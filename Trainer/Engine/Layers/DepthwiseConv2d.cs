using System.Numerics.Tensors;
using Trainer.Engine.Kernels;

namespace Trainer.Engine.Layers;

/// <summary>
/// A depthwise 2-D convolution: one kH x kW filter per channel (groups = channels), parallel over the batch,
/// vectorized over the whole plane (see <see cref="DepthwiseStride1"/>) when both strides are 1 and along rows otherwise.
/// Forward: x [N, C, H, W] -> y [N, C, OH, OW]. Backward: takes dL/dy; returns dL/dx and adds dL/dW, dL/db.
/// <see cref="Weight"/> is [C, 1, kH, kW] as ONNX Conv with group = C expects.
/// </summary>
internal sealed class DepthwiseConv2d : Layer
{
    private (int Ox0, int Ox1)[] _cols = [];
    private float[][] _dW = [];
    private float[][] _dB = [];
    private float[][] _padded = [];
    private float[][] _ext = [];
    private float[][] _dPadded = [];
    private bool _stride1;

    /// <summary>Makes a depthwise convolution; weights stay zero until <see cref="Initialize"/> or a weight load.</summary>
    public DepthwiseConv2d(int channels, ConvGeometry geometry, bool bias = true)
    {
        if (channels < 1)
        {
            throw new ArgumentException($"dwconv: the channel count must be at least 1 (got {channels}).");
        }

        Channels = channels;
        Geometry = geometry;
        Weight = new Parameter("weight", [channels, 1, geometry.KernelH, geometry.KernelW], applyWeightDecay: true);
        Bias = bias ? new Parameter("bias", [channels], applyWeightDecay: false) : null;
    }

    /// <summary>A square kernel with equal strides and paddings.</summary>
    public DepthwiseConv2d(int channels, int kernel, int stride = 1, int padding = 0, bool bias = true)
        : this(channels, ConvGeometry.Square(kernel, stride, padding), bias)
    {
    }

    /// <inheritdoc />
    public override string Kind => "dwconv";

    /// <summary>Channels in and out (also the ONNX group count).</summary>
    public int Channels { get; }

    /// <summary>Kernel, strides, paddings.</summary>
    public ConvGeometry Geometry { get; }

    /// <summary>Weights [C, 1, kH, kW].</summary>
    public Parameter Weight { get; }

    /// <summary>Bias [C], or null.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => Bias is null ? [Weight] : [Weight, Bias];

    /// <inheritdoc />
    public override void Initialize(Rng rng)
    {
        HeNormal(rng, Weight.Value, Geometry.KernelH * Geometry.KernelW);
        if (Bias != null)
        {
            Array.Clear(Bias.Value);
        }
    }

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        var taps = Geometry.KernelH * Geometry.KernelW;
        Batches.For(input.N, (start, end, chunk) =>
        {
            for (var n = start; n < end; n++)
            {
                for (var c = 0; c < Channels; c++)
                {
                    if (_stride1)
                    {
                        DepthwiseStride1.Forward(input.Plane(n, c), output.Plane(n, c), Weight.Value.AsSpan(c * taps, taps), Bias?.Value[c] ?? 0f, InputShape, Geometry, _padded[chunk], _ext[chunk]);
                    }
                    else
                    {
                        ForwardPlane(input.Plane(n, c), output.Plane(n, c), c);
                    }
                }
            }
        });
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        var taps = Geometry.KernelH * Geometry.KernelW;
        Batches.For(input.N, (start, end, chunk) =>
        {
            for (var n = start; n < end; n++)
            {
                for (var c = 0; c < Channels; c++)
                {
                    var dy = gradOutput.Plane(n, c);
                    if (Bias != null)
                    {
                        _dB[chunk][c] += TensorPrimitives.Sum(dy);
                    }

                    if (_stride1)
                    {
                        DepthwiseStride1.Backward(
                            input.Plane(n, c), dy, gradInput != null ? gradInput.Plane(n, c) : default, Weight.Value.AsSpan(c * taps, taps),
                            _dW[chunk].AsSpan(c * taps, taps), InputShape, Geometry, _padded[chunk], _ext[chunk], _dPadded[chunk], gradInput != null);
                        continue;
                    }

                    if (gradInput != null)
                    {
                        gradInput.Plane(n, c).Clear();
                    }

                    BackwardPlane(input.Plane(n, c), dy, gradInput != null ? gradInput.Plane(n, c) : default, c, _dW[chunk], gradInput != null);
                }
            }
        });

        BatchParallel.ReduceInto(_dW, Weight.Grad);
        if (Bias != null)
        {
            BatchParallel.ReduceInto(_dB, Bias.Grad);
        }
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input)
    {
        if (input.C != Channels)
        {
            throw new ArgumentException($"dwconv: expects {Channels} channels, got input {input}.");
        }

        Geometry.Validate("dwconv", input.H, input.W);
        return new SampleShape(Channels, Geometry.OutH(input.H), Geometry.OutW(input.W));
    }

    /// <inheritdoc />
    protected override void OnBuild()
    {
        _cols = new (int, int)[Geometry.KernelW];
        for (var kx = 0; kx < Geometry.KernelW; kx++)
        {
            _cols[kx] = Im2Col.ValidColumns(Geometry, InputShape.W, OutputShape.W, kx);
        }

        _dW = ChunkBuffers(Weight.Length);
        _dB = ChunkBuffers(Channels);
        _stride1 = Geometry is { StrideH: 1, StrideW: 1 };
        _padded = _stride1 ? ChunkBuffers(DepthwiseStride1.PaddedLength(InputShape, Geometry)) : [];
        _dPadded = _stride1 ? ChunkBuffers(DepthwiseStride1.PaddedLength(InputShape, Geometry)) : [];
        _ext = _stride1 ? ChunkBuffers(DepthwiseStride1.ExtendedLength(InputShape, Geometry)) : [];
    }

    private void ForwardPlane(ReadOnlySpan<float> x, Span<float> y, int c)
    {
        var g = Geometry;
        int inW = InputShape.W, inH = InputShape.H, ow = OutputShape.W, oh = OutputShape.H;
        var w = Weight.Value.AsSpan(c * g.KernelH * g.KernelW, g.KernelH * g.KernelW);
        y.Fill(Bias?.Value[c] ?? 0f);
        for (var oy = 0; oy < oh; oy++)
        {
            var yRow = y.Slice(oy * ow, ow);
            for (var ky = 0; ky < g.KernelH; ky++)
            {
                var iy = (oy * g.StrideH) - g.PadH + ky;
                if (iy < 0 || iy >= inH)
                {
                    continue;
                }

                var xRow = x.Slice(iy * inW, inW);
                for (var kx = 0; kx < g.KernelW; kx++)
                {
                    var (ox0, ox1) = _cols[kx];
                    if (ox1 <= ox0)
                    {
                        continue;
                    }

                    var wk = w[(ky * g.KernelW) + kx];
                    var ix0 = (ox0 * g.StrideW) - g.PadW + kx;
                    if (g.StrideW == 1)
                    {
                        var seg = yRow[ox0..ox1];
                        TensorPrimitives.MultiplyAdd(xRow.Slice(ix0, ox1 - ox0), wk, seg, seg);
                    }
                    else
                    {
                        for (int ox = ox0, ix = ix0; ox < ox1; ox++, ix += g.StrideW)
                        {
                            yRow[ox] += wk * xRow[ix];
                        }
                    }
                }
            }
        }
    }

    private void BackwardPlane(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, int c, float[] dWChunk, bool wantDx)
    {
        var g = Geometry;
        int inW = InputShape.W, inH = InputShape.H, ow = OutputShape.W, oh = OutputShape.H;
        var taps = g.KernelH * g.KernelW;
        var w = Weight.Value.AsSpan(c * taps, taps);
        var dw = dWChunk.AsSpan(c * taps, taps);
        for (var oy = 0; oy < oh; oy++)
        {
            var dyRow = dy.Slice(oy * ow, ow);
            for (var ky = 0; ky < g.KernelH; ky++)
            {
                var iy = (oy * g.StrideH) - g.PadH + ky;
                if (iy < 0 || iy >= inH)
                {
                    continue;
                }

                var xRow = x.Slice(iy * inW, inW);
                var dxRow = wantDx ? dx.Slice(iy * inW, inW) : default;
                for (var kx = 0; kx < g.KernelW; kx++)
                {
                    var (ox0, ox1) = _cols[kx];
                    if (ox1 <= ox0)
                    {
                        continue;
                    }

                    var t = (ky * g.KernelW) + kx;
                    var ix0 = (ox0 * g.StrideW) - g.PadW + kx;
                    if (g.StrideW == 1)
                    {
                        var dySeg = dyRow[ox0..ox1];
                        dw[t] += TensorPrimitives.Dot(dySeg, xRow.Slice(ix0, ox1 - ox0));
                        if (wantDx)
                        {
                            var dxSeg = dxRow.Slice(ix0, ox1 - ox0);
                            TensorPrimitives.MultiplyAdd(dySeg, w[t], dxSeg, dxSeg);
                        }
                    }
                    else
                    {
                        var s = 0f;
                        for (int ox = ox0, ix = ix0; ox < ox1; ox++, ix += g.StrideW)
                        {
                            s += dyRow[ox] * xRow[ix];
                            if (wantDx)
                            {
                                dxRow[ix] += w[t] * dyRow[ox];
                            }
                        }

                        dw[t] += s;
                    }
                }
            }
        }
    }
}
