// QR codes (ISO/IEC 18004: byte mode, error correction level M, mask 0), drawn as SVG
// here in the browser, for the address of whatever calendar the reader picks: no
// other service sees it.
"use strict";

var feedsQR = (function () {
  // Level M, versions 1 to 40: error correction codewords per block, and blocks.
  var EC_PER_BLOCK = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26,
    26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28];
  var BLOCKS = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18,
    20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];
  // Level M (bits 00) with mask 0 (bits 000), as the format information encodes them.
  var FORMAT_DATA = 0;

  // Arithmetic in GF(256) modulo x^8 + x^4 + x^3 + x^2 + 1.
  var EXP = [];
  var LOG = [];
  (function () {
    var value = 1;
    for (var power = 0; power < 255; power++) {
      EXP[power] = value;
      LOG[value] = power;
      value <<= 1;
      if (value & 0x100) { value ^= 0x11d; }
    }
    for (power = 255; power < 510; power++) { EXP[power] = EXP[power - 255]; }
  })();

  function times(a, b) {
    return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
  }

  // The Reed-Solomon generator (x - a^0)(x - a^1)...(x - a^(n-1)), highest power first.
  function generator(degree) {
    var poly = [1];
    for (var root = 0; root < degree; root++) {
      var next = poly.concat([0]);
      for (var i = 0; i < poly.length; i++) { next[i + 1] ^= times(poly[i], EXP[root]); }
      poly = next;
    }
    return poly;
  }

  // The error correction codewords of a block: the remainder of its division.
  function correction(data, degree) {
    var poly = generator(degree);
    var rest = [];
    for (var i = 0; i < degree; i++) { rest.push(0); }
    data.forEach(function (codeword) {
      var factor = codeword ^ rest.shift();
      rest.push(0);
      for (var j = 0; j < degree; j++) { rest[j] ^= times(poly[j + 1], factor); }
    });
    return rest;
  }

  // The remainder bits of a BCH code: `value` shifted by the generator's degree, divided.
  function bch(value, poly, degree) {
    var rest = value << degree;
    for (var bit = 31; bit >= degree; bit--) {
      if ((rest >>> bit) & 1) { rest ^= poly << (bit - degree); }
    }
    return (value << degree) | rest;
  }

  function alignmentCentres(version) {
    if (version === 1) { return []; }
    var count = Math.floor(version / 7) + 2;
    var last = version * 4 + 10;
    var step = version === 32 ? 26 : Math.ceil((last - 6) / (count - 1) / 2) * 2;
    var centres = [6];
    for (var at = last - step * (count - 2); at <= last; at += step) { centres.push(at); }
    return centres;
  }

  // A symbol's grid with its function patterns drawn and reserved.
  function Grid(version) {
    var size = version * 4 + 17;
    this.version = version;
    this.size = size;
    this.dark = [];
    this.fixed = [];
    for (var row = 0; row < size; row++) {
      this.dark.push(new Array(size).fill(false));
      this.fixed.push(new Array(size).fill(false));
    }
    var grid = this;
    [[0, 0], [size - 7, 0], [0, size - 7]].forEach(function (corner) {
      for (var r = -1; r <= 7; r++) {
        for (var c = -1; c <= 7; c++) {
          var ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
          grid.set(corner[0] + r, corner[1] + c, ring !== 2 && ring !== 4);
        }
      }
    });
    for (var i = 8; i < size - 8; i++) {
      this.set(6, i, i % 2 === 0);
      this.set(i, 6, i % 2 === 0);
    }
    var centres = alignmentCentres(version);
    var ends = [6, size - 7];
    centres.forEach(function (r) {
      centres.forEach(function (c) {
        // None where a finder pattern is: at three of the four corners of the grid.
        if (ends.indexOf(r) >= 0 && ends.indexOf(c) >= 0 && !(r > 6 && c > 6)) { return; }
        for (var dr = -2; dr <= 2; dr++) {
          for (var dc = -2; dc <= 2; dc++) {
            grid.set(r + dr, c + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
          }
        }
      });
    });
    this.drawFormat(0);
    if (version >= 7) { this.drawVersion(); }
  }

  Grid.prototype.set = function (row, col, dark) {
    if (row < 0 || col < 0 || row >= this.size || col >= this.size) { return; }
    this.dark[row][col] = dark;
    this.fixed[row][col] = true;
  };

  // The 15 bits of format information, twice: around the top-left finder pattern, and
  // split between the other two; with the module beside them that is always dark.
  Grid.prototype.drawFormat = function (bits) {
    var size = this.size;
    var bit = function (i) { return ((bits >>> i) & 1) === 1; };
    for (var i = 0; i < 15; i++) {
      if (i < 8) {
        this.set(i < 6 ? i : i + 1, 8, bit(i));  // down column 8, over the timing row
        this.set(8, size - 1 - i, bit(i));
      } else {
        this.set(8, i === 8 ? 7 : 14 - i, bit(i));  // along row 8, over the timing column
        this.set(size - 15 + i, 8, bit(i));
      }
    }
    this.set(size - 8, 8, true);
  };

  Grid.prototype.drawVersion = function () {
    var bits = bch(this.version, 0x1f25, 12);
    for (var i = 0; i < 18; i++) {
      var dark = ((bits >>> i) & 1) === 1;
      var a = this.size - 11 + (i % 3);
      var b = Math.floor(i / 3);
      this.set(b, a, dark);
      this.set(a, b, dark);
    }
  };

  Grid.prototype.freeModules = function () {
    var count = 0;
    this.fixed.forEach(function (row) {
      row.forEach(function (taken) { if (!taken) { count++; } });
    });
    return count;
  };

  // Codewords in the standard's order: up and down two columns at a time, from the right,
  // stepping over the vertical timing pattern; mask 0 darkens where row + column is even.
  Grid.prototype.place = function (codewords) {
    var size = this.size;
    var index = 0;
    var total = codewords.length * 8;
    var upward = true;
    for (var right = size - 1; right > 0; right -= 2) {
      if (right === 6) { right = 5; }
      for (var step = 0; step < size; step++) {
        var row = upward ? size - 1 - step : step;
        for (var col = right; col > right - 2; col--) {
          if (this.fixed[row][col]) { continue; }
          var dark = false;
          if (index < total) {
            dark = ((codewords[index >>> 3] >>> (7 - (index & 7))) & 1) === 1;
            index++;
          }
          this.dark[row][col] = dark !== ((row + col) % 2 === 0);
        }
      }
      upward = !upward;
    }
  };

  function Bits() { this.bits = []; }
  Bits.prototype.put = function (value, length) {
    for (var i = length - 1; i >= 0; i--) { this.bits.push((value >>> i) & 1); }
  };

  // The rows of the smallest symbol that holds `text` (as UTF-8): true is dark.
  function matrix(text) {
    var bytes = Array.from(new TextEncoder().encode(text));
    for (var version = 1; version <= 40; version++) {
      var grid = new Grid(version);
      var total = Math.floor(grid.freeModules() / 8);
      var blocks = BLOCKS[version - 1];
      var ecLength = EC_PER_BLOCK[version - 1];
      var capacity = total - blocks * ecLength;
      var countBits = version < 10 ? 8 : 16;
      if (4 + countBits + bytes.length * 8 > capacity * 8) { continue; }
      var stream = new Bits();
      stream.put(4, 4);
      stream.put(bytes.length, countBits);
      bytes.forEach(function (byte) { stream.put(byte, 8); });
      stream.put(0, Math.min(4, capacity * 8 - stream.bits.length));
      stream.put(0, (8 - (stream.bits.length % 8)) % 8);
      var data = [];
      for (var i = 0; i < stream.bits.length; i += 8) {
        data.push(parseInt(stream.bits.slice(i, i + 8).join(""), 2));
      }
      for (var pad = 0; data.length < capacity; pad++) { data.push(pad % 2 ? 0x11 : 0xec); }
      // Blocks: the short ones first, the long ones one data codeword longer.
      var longBlocks = total % blocks;
      var shortData = Math.floor(total / blocks) - ecLength;
      var split = [];
      var at = 0;
      for (var b = 0; b < blocks; b++) {
        var length = shortData + (b >= blocks - longBlocks ? 1 : 0);
        split.push(data.slice(at, at + length));
        at += length;
      }
      var checks = split.map(function (block) { return correction(block, ecLength); });
      var codewords = [];
      for (i = 0; i <= shortData; i++) {
        split.forEach(function (block) { if (i < block.length) { codewords.push(block[i]); } });
      }
      for (i = 0; i < ecLength; i++) {
        checks.forEach(function (check) { codewords.push(check[i]); });
      }
      grid.place(codewords);
      grid.drawFormat(bch(FORMAT_DATA, 0x537, 10) ^ 0x5412);
      return grid.dark;
    }
    throw new RangeError("too long for a QR code");
  }

  // An SVG image of the code, with a quiet zone of four modules and `title` as its name.
  function svg(text, title) {
    var rows = matrix(text);
    var quiet = 4;
    var side = rows.length + quiet * 2;
    var path = "";
    rows.forEach(function (row, r) {
      row.forEach(function (dark, c) {
        if (dark) { path += "M" + (c + quiet) + " " + (r + quiet) + "h1v1h-1z"; }
      });
    });
    var ns = "http://www.w3.org/2000/svg";
    var image = document.createElementNS(ns, "svg");
    image.setAttribute("viewBox", "0 0 " + side + " " + side);
    image.setAttribute("role", "img");
    var name = document.createElementNS(ns, "title");
    name.textContent = title;
    image.appendChild(name);
    var ground = document.createElementNS(ns, "rect");
    ground.setAttribute("width", side);
    ground.setAttribute("height", side);
    ground.setAttribute("fill", "#fff");
    image.appendChild(ground);
    var modules = document.createElementNS(ns, "path");
    modules.setAttribute("d", path);
    modules.setAttribute("fill", "#000");
    image.appendChild(modules);
    return image;
  }

  return { matrix: matrix, svg: svg };
})();
