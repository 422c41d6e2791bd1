using System;

namespace StaticNets;

/// <summary>
/// Declares a neural network on a <c>partial class</c>. At build time the StaticNets generator parses
/// <paramref name="architecture"/>, checks every shape, reports mistakes as compiler diagnostics and emits
/// shape-specialised forward and backward code into the class.
/// </summary>
/// <param name="architecture">The layers, e.g. <c>"CONV(6,5,pad:2)+RELU+POOL(2)+FC(10)+SOFTMAX"</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute(string architecture) : Attribute
{
    /// <summary>The architecture string as written.</summary>
    public string Architecture { get; } = architecture;

    /// <summary>Input shape per example: <c>"CxHxW"</c> for images (NCHW at the API), or <c>"N"</c> for a feature vector.</summary>
    public string? Input { get; set; }

    /// <summary>Number of classes, the width of the loss. Optional when the last FC before the loss states it.</summary>
    public int Classes { get; set; }

    /// <summary>Variables used as repetition counts or list bindings, e.g. <c>"N=2, M=3, K=1"</c>.</summary>
    public string? Let { get; set; }

    /// <summary>Arguments for bare layer names, e.g. <c>"CONV([32,64,128], 3, pad: same); POOL(2); FC(256)"</c>.</summary>
    public string? Defaults { get; set; }
}
