import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ImageHost,
  placeholderJpeg,
  type Sandbox,
  type SandboxShop,
  startImageHost,
  startSandbox,
} from '../src/index.js';
import { lazadaClient, shopeeClient, shopeeHoneyOn, shopeeUpload, uploadShopeeImage } from './clients.js';
import { lazadaTeaXml, shopeeHoney } from './fixtures.js';

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe('Shopee media space (v2.media_space.upload_image)', () => {
  let sandbox: Sandbox<'shopee'>;
  let shop: SandboxShop;
  let call: ReturnType<typeof shopeeClient>;

  beforeAll(async () => {
    sandbox = await startSandbox('shopee', { seed: 41 });
    shop = await sandbox.createShop({ name: 'HTX Mật ong U Minh' });
    call = shopeeClient(sandbox, shop);
  });
  afterAll(() => sandbox.close());

  it('takes a JPEG signed as a partner-level call and answers its image id and regional URLs', async () => {
    const answer = await shopeeUpload(sandbox, {
      images: [placeholderJpeg('/a/1.jpg')],
      fields: { scene: 'normal' },
    });
    expect(answer.body).toMatchObject({ error: '', message: '' });
    const response = answer.body.response as {
      image_info: { image_id: string; image_url_list: { image_url_region: string; image_url: string }[] };
      image_info_list: { id: number; error: string; image_info: { image_id: string } }[];
    };
    const id = response.image_info.image_id;
    expect(id).toMatch(/^vn-/);
    expect(response.image_info.image_url_list).toContainEqual({
      image_url_region: 'VN',
      image_url: `https://cf.shopee.vn/file/${id}`,
    });
    expect(response.image_info_list).toEqual([
      expect.objectContaining({ id: 0, error: '', image_info: response.image_info }),
    ]);
  });

  it('takes a PNG, and several images in one call, each with its own id', async () => {
    const answer = await shopeeUpload(sandbox, { images: [PNG, placeholderJpeg('/a/2.jpg')] });
    const list = (answer.body.response as { image_info_list: { image_info: { image_id: string } }[] })
      .image_info_list;
    expect(list).toHaveLength(2);
    expect(new Set(list.map((entry) => entry.image_info.image_id)).size).toBe(2);
  });

  it('also accepts the upload signed as a Shop API call', async () => {
    const answer = await shopeeUpload(sandbox, { images: [placeholderJpeg('/a/3.jpg')], shop });
    expect(answer.body).toMatchObject({
      error: '',
      response: { image_info: { image_id: expect.any(String) } },
    });
  });

  it.each([
    [
      'bytes that are not a JPEG or PNG',
      { images: [new TextEncoder().encode('<html>not found</html>')] },
      /JPG, JPEG or PNG/,
    ],
    ['a text field instead of a file', { images: ['https://cdn.example.vn/a.jpg'] }, /not a file/],
    ['an image over 10 MB', { images: [oversizedJpeg()] }, /exceeds 10 MB/],
    ['no image at all', { images: [], fields: { scene: 'normal' } }, /no image/i],
    ['an unknown scene', { images: [placeholderJpeg('/a/4.jpg')], fields: { scene: 'banner' } }, /scene/],
  ])('refuses %s with error_param', async (_case, upload, message) => {
    const answer = await shopeeUpload(sandbox, upload);
    expect(answer.body).toMatchObject({ error: 'error_param', message: expect.stringMatching(message) });
    expect(answer.body).not.toHaveProperty('response');
  });

  it('checks a shop-signed upload like any Shop API call: an unknown access token is error_auth', async () => {
    const answer = await shopeeUpload(sandbox, {
      images: [placeholderJpeg('/a/5.jpg')],
      shop: { ...shop, accessToken: 'forged' },
    });
    expect(answer.body).toMatchObject({ error: 'error_auth' });
  });

  it('add_item refuses an image id it never issued with "Image not exist." and takes an issued one', async () => {
    const refused = await call('POST', '/api/v2/product/add_item', { body: shopeeHoney });
    expect(refused.body).toMatchObject({
      error: 'error_param',
      message: expect.stringContaining('Image not exist.'),
    });
    expect(sandbox.listItems(shop.shopId)).toHaveLength(0);
    const created = await call('POST', '/api/v2/product/add_item', { body: await shopeeHoneyOn(sandbox) });
    expect(created.body).toMatchObject({ error: '', response: { item_status: 'NORMAL' } });
  });

  it('update_item refuses a never-issued image id and keeps the item unchanged, then takes a new upload', async () => {
    const body = await shopeeHoneyOn(sandbox);
    const created = await call('POST', '/api/v2/product/add_item', {
      body: { ...body, item_sku: 'OCOP-CM-IMG' },
    });
    const itemId = (created.body.response as { item_id: number }).item_id;
    const refused = await call('POST', '/api/v2/product/update_item', {
      body: { item_id: itemId, image: { image_id_list: ['vn-11134207-never-issued'] } },
    });
    expect(refused.body).toMatchObject({
      error: 'error_param',
      message: expect.stringContaining('Image not exist.'),
    });
    expect(
      sandbox.listItems(shop.shopId).find((item) => item.externalItemId === String(itemId))?.images,
    ).toEqual(body.image.image_id_list);
    const fresh = await uploadShopeeImage(sandbox, '/cdn.ocop.example.vn/p/mat-ong-2.jpg');
    const updated = await call('POST', '/api/v2/product/update_item', {
      body: { item_id: itemId, image: { image_id_list: [fresh] } },
    });
    expect(updated.body).toMatchObject({ error: '', response: { image: { image_id_list: [fresh] } } });
  });
});

describe('Lazada MigrateImage (/image/migrate)', () => {
  let sandbox: Sandbox<'lazada'>;
  let call: ReturnType<typeof lazadaClient>;
  let shopId: string;
  const migrate = (url: string) =>
    call('POST', '/image/migrate', {
      params: { payload: `<Request><Image><Url>${url}</Url></Image></Request>` },
    });

  beforeAll(async () => {
    sandbox = await startSandbox('lazada', { seed: 43 });
    const shop = await sandbox.createShop({ name: 'HTX Chè Suối Giàng' });
    shopId = shop.shopId;
    call = lazadaClient(sandbox, shop.accessToken);
  });
  afterAll(() => sandbox.close());

  it('answers a Lazada-hosted copy of an external image, the same URL each time', async () => {
    const first = await migrate('https://cdn.ocop.example.vn/p/tra-shan.jpg');
    expect(first.body).toMatchObject({
      code: '0',
      data: {
        image: {
          url: expect.stringMatching(/^https:\/\/[a-z0-9-]+\.slatic\.net\/p\/[0-9a-f]+\.jpg$/),
          hash_code: expect.any(String),
        },
      },
    });
    const again = await migrate('https://cdn.ocop.example.vn/p/tra-shan.jpg');
    expect(again.body.data).toEqual(first.body.data);
    const other = await migrate('https://cdn.ocop.example.vn/p/tra-shan-2.jpg');
    expect(other.body.data).not.toEqual(first.body.data);
  });

  it('creates and updates a product with migrated images, and refuses the external URL itself (4138)', async () => {
    const source = 'https://cdn.ocop.example.vn/p/tra-shan-3.jpg';
    expect(
      (await call('POST', '/product/create', { params: { payload: lazadaTeaXml(undefined, source) } })).body,
    ).toMatchObject({
      code: '4138',
    });
    const hosted = ((await migrate(source)).body.data as { image: { url: string } }).image.url;
    const created = await call('POST', '/product/create', {
      params: { payload: lazadaTeaXml(undefined, hosted) },
    });
    expect(created.body).toMatchObject({ code: '0' });
    const itemId = String((created.body.data as { item_id: number }).item_id);
    const update = (image: string) =>
      call('POST', '/product/update', {
        params: {
          payload: `<Request><Product><ItemId>${itemId}</ItemId><Images><Image>${image}</Image></Images></Product></Request>`,
        },
      });
    expect((await update('https://cdn.ocop.example.vn/p/tra-shan-4.jpg')).body).toMatchObject({
      code: '4138',
    });
    const second = (
      (await migrate('https://cdn.ocop.example.vn/p/tra-shan-4.jpg')).body.data as { image: { url: string } }
    ).image.url;
    expect((await update(second)).body).toMatchObject({ code: '0' });
    expect(sandbox.listItems(shopId)[0]?.images).toEqual([second]);
  });

  it.each([
    ['a non-http URL', 'ftp://cdn.ocop.example.vn/p/a.jpg', '5'],
    ['a port other than 80/443', 'https://cdn.ocop.example.vn:8443/p/a.jpg', '5'],
    ['no URL', '', '5'],
  ])('refuses %s', async (_case, url, code) => {
    expect((await migrate(url)).body).toMatchObject({ code });
  });

  it('refuses a missing payload (E001) and a call without an access token', async () => {
    expect((await call('POST', '/image/migrate')).body).toMatchObject({ code: '1' });
    const anonymous = await call('POST', '/image/migrate', {
      params: { payload: '<Request><Image><Url>https://cdn.example.vn/a.jpg</Url></Image></Request>' },
      accessToken: null,
    });
    expect(anonymous.body.code).not.toBe('0');
  });
});

describe('local image host', () => {
  let host: ImageHost;
  beforeAll(async () => {
    host = await startImageHost();
  });
  afterAll(() => host.close());

  it('serves a small JPEG per original host and path, the same bytes each time', async () => {
    const get = async (path: string) => {
      const response = await fetch(`${host.url}${path}`);
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        bytes: new Uint8Array(await response.arrayBuffer()),
      };
    };
    const first = await get('/cdn.ocop.example.vn/p/mat-ong.jpg');
    expect(first).toMatchObject({ status: 200, type: 'image/jpeg' });
    expect([...first.bytes.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...first.bytes.slice(-2)]).toEqual([0xff, 0xd9]);
    expect(first.bytes.length).toBeLessThan(1024);
    expect((await get('/cdn.ocop.example.vn/p/mat-ong.jpg')).bytes).toEqual(first.bytes);
    expect((await get('/cdn.ocop.example.vn/p/che.jpg')).bytes).not.toEqual(first.bytes);
  });

  it('answers 404 for a path containing "missing" and for a bare host', async () => {
    expect((await fetch(`${host.url}/cdn.ocop.example.vn/p/missing.jpg`)).status).toBe(404);
    expect((await fetch(`${host.url}/cdn.ocop.example.vn`)).status).toBe(404);
  });
});

function oversizedJpeg(): Uint8Array {
  const bytes = new Uint8Array(10 * 1024 * 1024 + 1);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}
